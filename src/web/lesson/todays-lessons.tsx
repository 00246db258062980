import type {
  LessonRegisterResponse,
  SchoolLessonsResponse,
} from '../../contracts/lesson.contract.ts';
import type { SchoolRegistersResponse } from '../../contracts/register.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { useApiResource } from '../use-api-resource.ts';
import {
  describeLesson,
  summarizeLessonRegister,
  type LessonRegisterState,
  type LessonSummary,
} from './lesson-register-model.ts';
import './lesson.css';

const statusText: Readonly<Record<LessonRegisterState['status'], string>> = {
  taken: 'Taken',
  'partly-taken': 'Partly taken',
  'not-taken': 'Not taken yet',
};

/**
 * The lessons the signed-in teacher registers on a day (secondary schools), in time order.
 * Shows nothing at a school without a timetable, so a primary teacher's day is unchanged.
 */
export function TodaysLessons(props: { schoolId: number; date: string }) {
  const school = String(props.schoolId);
  const lessons = useApiResource<SchoolLessonsResponse>(
    `/api/schools/${school}/lessons?date=${props.date}`,
  );
  const hasLessons = lessons.kind === 'loaded' && lessons.value.lessons.length > 0;
  // The registration classes name the lessons' classes (a teacher sees their own).
  const classes = useApiResource<SchoolRegistersResponse>(
    hasLessons ? `/api/schools/${school}/registers?date=${props.date}&session=AM` : null,
  );
  if (lessons.kind === 'loading') return null;
  if (lessons.kind === 'failed')
    return (
      <ProblemAlert error={describeError(lessons.error)} title="Lessons could not be loaded" />
    );
  if (lessons.value.lessons.length === 0) return null;
  const classNames = new Map(
    classes.kind === 'loaded'
      ? classes.value.registers.map((register) => [register.classId, register.className])
      : [],
  );
  return (
    <section aria-labelledby="lesson-registers" class="session-block lesson-block">
      <h3 id="lesson-registers">Lessons</h3>
      <ul class="register-links">
        {lessons.value.lessons.map((lesson) => (
          <LessonLink
            key={lesson.lessonId}
            lesson={lesson}
            className={classNames.get(lesson.classId) ?? null}
            date={props.date}
          />
        ))}
      </ul>
    </section>
  );
}

function LessonLink(props: { lesson: LessonSummary; className: string | null; date: string }) {
  const { lesson, date } = props;
  const register = useApiResource<LessonRegisterResponse>(
    `/api/lessons/${String(lesson.lessonId)}/register?date=${date}`,
  );
  const state = register.kind === 'loaded' ? summarizeLessonRegister(register.value.pupils) : null;
  return (
    <li>
      <Link
        href={`/lessons/${String(lesson.lessonId)}/register?date=${date}`}
        class="register-link"
      >
        <span class="register-link-name">
          {props.className === null ? '' : `${props.className} `}
          {describeLesson(lesson)} <span class="visually-hidden">lesson register</span>
        </span>
        {state !== null && (
          <span class={`status status-${state.status}`}>{statusText[state.status]}</span>
        )}
        {register.kind === 'failed' && <span class="status">Could not load</span>}
        <span class="register-link-count lesson-link-time">
          {lesson.startsAt}–{lesson.endsAt}
          {state !== null && (
            <>
              {' '}
              · {state.marked} of {state.pupils} marked
            </>
          )}
        </span>
      </Link>
    </li>
  );
}
