/** A labelled input with its hint and error tied to it for assistive technology. */
export function TextField(props: {
  id: string;
  label: string;
  type?: 'text' | 'email' | 'password';
  autocomplete?: string;
  value: string;
  onInput: (value: string) => void;
  hint?: string;
  error?: string | undefined;
  required?: boolean;
}) {
  const hintId = `${props.id}-hint`;
  const errorId = `${props.id}-error`;
  const describedBy = [props.hint === undefined ? null : hintId, props.error ? errorId : null]
    .filter((id) => id !== null)
    .join(' ');
  const common = {
    id: props.id,
    name: props.id,
    autocomplete: props.autocomplete,
    value: props.value,
    required: props.required,
    'aria-invalid': props.error !== undefined,
    'aria-describedby': describedBy === '' ? undefined : describedBy,
    onInput: (event: Event) => {
      props.onInput((event.currentTarget as HTMLInputElement).value);
    },
  };
  return (
    <div class={props.error ? 'field field-invalid' : 'field'}>
      <label for={props.id}>{props.label}</label>
      {props.hint !== undefined && (
        <p class="hint" id={hintId}>
          {props.hint}
        </p>
      )}
      {props.error !== undefined && (
        <p class="field-error" id={errorId}>
          {props.error}
        </p>
      )}
      {/* One literal type per element: Preact types each input kind's attributes apart. */}
      {props.type === 'password' && <input type="password" {...common} />}
      {props.type === 'email' && <input type="email" {...common} />}
      {(props.type ?? 'text') === 'text' && <input type="text" {...common} />}
    </div>
  );
}
