import type { VNode } from 'preact';
import { NotAllowedPage } from './pages/not-allowed.page.tsx';
import { AbsenceBoardPage } from './pages/absence-board.page.tsx';
import { AskLeavePage } from './pages/ask-leave.page.tsx';
import { FollowUpTasksPage } from './pages/follow-up-tasks.page.tsx';
import { LeaveRequestsPage } from './pages/leave-requests.page.tsx';
import { OfficeLeaveRequestPage } from './pages/office-leave-request.page.tsx';
import { ChildAttendancePage } from './pages/child-attendance.page.tsx';
import { GovernorFiguresPage } from './pages/governor-figures.page.tsx';
import { LessonRegisterPage } from './pages/lesson-register.page.tsx';
import { MarkFinderPage } from './pages/mark-finder.page.tsx';
import { MarkPage } from './pages/mark.page.tsx';
import { MissingFromLessonsPage } from './pages/missing-from-lessons.page.tsx';
import { ReceptionPage } from './pages/reception.page.tsx';
import { ReportAbsencePage } from './pages/report-absence.page.tsx';
import { matchPath, type AppLocation } from './router.ts';
import { schoolIdOf, type Session } from './session.ts';

function readId(params: Record<string, string> | null, name: string): number | null {
  const id = Number(params?.[name]);
  return Number.isInteger(id) && id > 0 ? id : null;
}

/** A page that works in one school, for a user whose scope is wider or none. */
function needsOneSchool(): VNode {
  return (
    <NotAllowedPage detail="This page works for one school at a time, and your account is not set up for one school." />
  );
}

/**
 * The office, family and governor pages; null when the address is none of them. The server
 * decides what each user may see: a page asked for outside a role's reach shows the server's
 * refusal in plain English.
 */
export function matchOfficeFamilyGovernorPage(
  location: AppLocation,
  session: Session,
): VNode | null {
  const { path } = location;
  const schoolId = schoolIdOf(session);
  const bySchool = (page: (schoolId: number) => VNode): VNode =>
    schoolId === null ? needsOneSchool() : page(schoolId);

  if (path === '/absence-board')
    return bySchool((id) => <AbsenceBoardPage schoolId={id} location={location} />);
  if (path === '/reception')
    return bySchool((id) => <ReceptionPage schoolId={id} location={location} />);
  if (path === '/marks')
    return bySchool((id) => <MarkFinderPage schoolId={id} location={location} />);
  if (path === '/figures')
    return bySchool((id) => <GovernorFiguresPage schoolId={id} location={location} />);
  if (path === '/follow-up')
    return bySchool((id) => <FollowUpTasksPage schoolId={id} location={location} />);
  if (path === '/leave-requests')
    return bySchool((id) => <LeaveRequestsPage schoolId={id} role={session.user.role} />);
  if (path === '/missing-from-lessons')
    return bySchool((id) => <MissingFromLessonsPage schoolId={id} location={location} />);
  if (path === '/leave-requests/new')
    return bySchool((id) => <OfficeLeaveRequestPage schoolId={id} location={location} />);
  const lessonId = readId(matchPath('/lessons/:lessonId/register', path), 'lessonId');
  if (lessonId !== null) return <LessonRegisterPage lessonId={lessonId} location={location} />;
  const markId = readId(matchPath('/marks/:markId', path), 'markId');
  if (markId !== null) return <MarkPage markId={markId} location={location} />;
  const reportFor = readId(matchPath('/children/:pupilId/report-absence', path), 'pupilId');
  if (reportFor !== null) return <ReportAbsencePage pupilId={reportFor} />;
  const leaveFor = readId(matchPath('/children/:pupilId/leave', path), 'pupilId');
  if (leaveFor !== null) return <AskLeavePage pupilId={leaveFor} />;
  const childId = readId(matchPath('/children/:pupilId', path), 'pupilId');
  if (childId !== null) return <ChildAttendancePage pupilId={childId} />;
  return null;
}
