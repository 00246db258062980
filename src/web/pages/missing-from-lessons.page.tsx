import { useState } from 'preact/hooks';
import type { SchoolLessonsResponse, TruancyResponse } from '../../contracts/lesson.contract.ts';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { describeLessonMark, describeRegistrationMark } from '../lesson/lesson-codes.ts';
import { describeLesson } from '../lesson/lesson-register-model.ts';
import {
  describeMissedPupil,
  findPreviousWeekday,
  listMissedLessons,
} from '../lesson/missing-from-lessons.ts';
import { useClassRolls } from '../lesson/use-class-rolls.ts';
import { formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { usePageTitle } from '../page-title.ts';
import { navigate, type AppLocation } from '../router.ts';
import { useApiResource } from '../use-api-resource.ts';
import '../lesson/lesson.css';

/**
 * Post-registration truancy for a day: pupils marked in at registration who were then marked
 * absent from a lesson in the same session, for the office to follow up.
 */
export function MissingFromLessonsPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Missing from lessons');
  const requested = props.location.query.get('date');
  const date = isPlainDate(requested) ? requested : readLondonToday().date;
  const [dateInput, setDateInput] = useState(date);
  const school = String(props.schoolId);
  const truancy = useApiResource<TruancyResponse>(
    `/api/schools/${school}/post-registration-truancy?date=${date}`,
  );
  const lessons = useApiResource<SchoolLessonsResponse>(
    `/api/schools/${school}/lessons?date=${date}`,
  );
  const showDate = (next: string): void => {
    setDateInput(next);
    navigate(`/missing-from-lessons?date=${next}`, { replace: true });
  };

  if (truancy.kind === 'failed')
    return <ResourceFailure error={truancy.error} heading="Missing from lessons" />;
  return (
    <div>
      <h1>Missing from lessons</h1>
      <p class="lead">
        Pupils marked in at registration and then absent from a lesson the same morning or
        afternoon. Check where each one is; a lesson shows here once its register is taken.
      </p>
      <form
        class="filter-bar"
        onSubmit={(event) => {
          event.preventDefault();
          if (isPlainDate(dateInput)) showDate(dateInput);
        }}
      >
        <div class="field">
          <label for="truancy-date">Day</label>
          <input
            type="date"
            id="truancy-date"
            value={dateInput}
            onInput={(event) => {
              setDateInput(event.currentTarget.value);
            }}
          />
        </div>
        <div class="field">
          <button type="submit" class="button">
            Show this day
          </button>
        </div>
      </form>
      <p>
        <Link href={`/missing-from-lessons?date=${findPreviousWeekday(date)}`}>
          Show the day before ({formatPlainDate(findPreviousWeekday(date))})
        </Link>
      </p>
      {truancy.kind === 'loading' && <Loading what="the lesson registers" />}
      {truancy.kind === 'loaded' && (
        <MissedLessonsTable
          date={date}
          truancy={truancy.value}
          lessons={lessons.kind === 'loaded' ? lessons.value.lessons : []}
        />
      )}
      {lessons.kind === 'failed' && (
        <ProblemAlert
          error={describeError(lessons.error)}
          title="The timetable could not be loaded, so lessons are named by period only"
        />
      )}
    </div>
  );
}

function MissedLessonsTable(props: {
  date: string;
  truancy: TruancyResponse;
  lessons: SchoolLessonsResponse['lessons'];
}) {
  const missed = listMissedLessons(props.truancy.suspected, props.lessons);
  const rolls = useClassRolls(
    missed.flatMap((entry) => (entry.lesson === null ? [] : [entry.lesson.classId])),
    props.date,
  );
  if (missed.length === 0)
    return (
      <p class="alert alert-success">
        Nobody marked in at registration was marked absent from a lesson on{' '}
        {formatPlainDate(props.date)}.
      </p>
    );
  return (
    <table class="data-table truancy-table">
      <caption>
        {missed.length} {missed.length === 1 ? 'lesson' : 'lessons'} missed on{' '}
        {formatPlainDate(props.date)}
      </caption>
      <thead>
        <tr>
          <th scope="col">Pupil</th>
          <th scope="col">Class</th>
          <th scope="col">Registration</th>
          <th scope="col">Lesson</th>
          <th scope="col">Lesson mark</th>
        </tr>
      </thead>
      <tbody>
        {missed.map((entry) => {
          const lesson = entry.lesson;
          const pupil = describeMissedPupil(entry, rolls);
          return (
            <tr key={`${String(entry.pupilId)}-${entry.period}-${entry.session}`}>
              <td>
                <Link href={`/pupils/${String(entry.pupilId)}`}>{pupil.name}</Link>
              </td>
              <td>{pupil.className}</td>
              <td>{describeRegistrationMark(entry.session, entry.sessionCode)}</td>
              <td>
                {lesson === null
                  ? `Period ${entry.period}`
                  : `${describeLesson(lesson)}, ${lesson.startsAt}–${lesson.endsAt}`}
              </td>
              <td>{describeLessonMark(entry.lessonCode)}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}
