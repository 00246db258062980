import type { ComponentChildren } from 'preact';
import type { ShownError } from '../components/problem-alert.tsx';

interface FieldProps {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
}

function describedBy(props: FieldProps): string | undefined {
  const ids = [
    props.hint === undefined ? null : `${props.id}-hint`,
    props.error === undefined ? null : `${props.id}-error`,
  ].filter((id) => id !== null);
  return ids.length === 0 ? undefined : ids.join(' ');
}

/** The label, hint and error around a control, tied to it for assistive technology. */
function FieldFrame(props: FieldProps & { children: ComponentChildren }) {
  return (
    <div class={props.error === undefined ? 'field' : 'field field-invalid'}>
      <label for={props.id}>{props.label}</label>
      {props.hint !== undefined && (
        <p class="hint" id={`${props.id}-hint`}>
          {props.hint}
        </p>
      )}
      {props.error !== undefined && (
        <p class="field-error" id={`${props.id}-error`}>
          {props.error}
        </p>
      )}
      {props.children}
    </div>
  );
}

const readValue = (event: Event): string => (event.currentTarget as HTMLInputElement).value;

/** A labelled input of any simple kind: text, email, date, time or number. */
export function InputField(
  props: FieldProps & {
    type: 'text' | 'email' | 'date' | 'time' | 'number';
    value: string;
    onInput: (value: string) => void;
    step?: string;
    autocomplete?: string;
    required?: boolean;
  },
) {
  const common = {
    id: props.id,
    name: props.id,
    value: props.value,
    required: props.required,
    autocomplete: props.autocomplete,
    'aria-invalid': props.error !== undefined,
    'aria-describedby': describedBy(props),
    onInput: (event: Event) => {
      props.onInput(readValue(event));
    },
  };
  return (
    <FieldFrame {...props}>
      {/* One literal type per element: Preact types each input kind's attributes apart. */}
      {props.type === 'text' && <input type="text" {...common} />}
      {props.type === 'email' && <input type="email" {...common} />}
      {props.type === 'date' && <input type="date" {...common} />}
      {props.type === 'time' && <input type="time" {...common} />}
      {props.type === 'number' && (
        <input type="number" inputMode="decimal" step={props.step ?? 'any'} {...common} />
      )}
    </FieldFrame>
  );
}

export function TextAreaField(
  props: FieldProps & { value: string; onInput: (value: string) => void; rows?: number },
) {
  return (
    <FieldFrame {...props}>
      <textarea
        id={props.id}
        name={props.id}
        rows={props.rows ?? 3}
        value={props.value}
        aria-invalid={props.error !== undefined}
        aria-describedby={describedBy(props)}
        onInput={(event) => {
          props.onInput(event.currentTarget.value);
        }}
      />
    </FieldFrame>
  );
}

export function SelectField(
  props: FieldProps & {
    value: string;
    onChange: (value: string) => void;
    options: readonly { value: string; label: string }[];
  },
) {
  return (
    <FieldFrame {...props}>
      <select
        id={props.id}
        name={props.id}
        value={props.value}
        aria-invalid={props.error !== undefined}
        aria-describedby={describedBy(props)}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        {props.options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/**
 * The same error with each field named by its label, for the summary above a form; the
 * fields themselves still find their messages by the server's names.
 */
export function nameFields(
  error: ShownError | null,
  labels: Readonly<Record<string, string>>,
): ShownError | null {
  if (error === null) return null;
  return {
    detail: error.detail,
    fields: error.fields.map((field) => {
      const name = field.field.split('.').at(-1) ?? field.field;
      return { field: labels[name] ?? name, message: field.message };
    }),
  };
}
