import type { SessionName } from '../../contracts/common.contract.ts';
import type {
  ClassRegisterResponse,
  SchoolRegistersResponse,
} from '../../contracts/register.contract.ts';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useApiResource } from '../use-api-resource.ts';

export type RegisterRow = ClassRegisterResponse['pupils'][number];

/** The classes of a school on a day, for choosing a pupil class by class. */
export function ClassSelect(props: {
  id: string;
  schoolId: number;
  date: string;
  session: SessionName;
  value: string;
  onChange: (classId: string) => void;
}) {
  const classes = useApiResource<SchoolRegistersResponse>(
    `/api/schools/${String(props.schoolId)}/registers?date=${props.date}&session=${props.session}`,
  );
  if (classes.kind === 'loading') return <Loading what="classes" />;
  if (classes.kind === 'failed')
    return <ProblemAlert error={describeError(classes.error)} title="Classes not loaded" />;
  return (
    <div class="field">
      <label for={props.id}>Class</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        <option value="">Choose a class</option>
        {classes.value.registers.map((register) => (
          <option key={register.classId} value={String(register.classId)}>
            {register.className}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A class's register for a session: the pupils in register order with their marks. */
export function useClassRegister(classId: string, date: string, session: SessionName) {
  return useApiResource<ClassRegisterResponse>(
    classId === '' ? null : `/api/classes/${classId}/register?date=${date}&session=${session}`,
  );
}

export function describeRowName(row: RegisterRow): string {
  return `${row.lastName}, ${row.firstName}`;
}

/**
 * The pupils of the chosen class as a drop-down, once the class's register has loaded: the
 * second half of choosing a pupil class by class.
 */
export function PupilSelect(props: {
  id: string;
  classId: string;
  register: ReturnType<typeof useClassRegister>;
  value: string;
  onChange: (pupilId: string) => void;
  /** What follows the name in each option, e.g. the pupil's morning mark. */
  describeExtra?: (row: RegisterRow) => string;
}) {
  const { register } = props;
  if (props.classId === '') return null;
  if (register.kind === 'loading') return <Loading what="the class" />;
  if (register.kind === 'failed')
    return <ProblemAlert error={describeError(register.error)} title="The class was not loaded" />;
  return (
    <div class="field">
      <label for={props.id}>Pupil</label>
      <select
        id={props.id}
        value={props.value}
        onChange={(event) => {
          props.onChange(event.currentTarget.value);
        }}
      >
        <option value="">Choose a pupil</option>
        {register.value.pupils.map((row) => (
          <option key={row.pupilId} value={String(row.pupilId)}>
            {describeRowName(row)}
            {props.describeExtra?.(row) ?? ''}
          </option>
        ))}
      </select>
    </div>
  );
}
