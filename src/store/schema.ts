import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/**
 * The tables as Kysely sees them; migrations/ is the source of truth and this file follows it.
 * Dates are ISO strings ('2024-09-04'), register times are Europe/London wall-clock 'HH:MM',
 * and instants are JavaScript Dates (timestamptz).
 */
export interface Database {
  trusts: TrustsTable;
  local_authorities: LocalAuthoritiesTable;
  schools: SchoolsTable;
  users: UsersTable;
  auth_sessions: AuthSessionsTable;
  login_attempts: LoginAttemptsTable;
  academic_years: AcademicYearsTable;
  terms: TermsTable;
  closures: ClosuresTable;
  year_groups: YearGroupsTable;
  classes: ClassesTable;
  class_teachers: ClassTeachersTable;
  class_members: ClassMembersTable;
  pupils: PupilsTable;
  enrolments: EnrolmentsTable;
  contacts: ContactsTable;
  lessons: LessonsTable;
  lesson_marks: LessonMarksTable;
  marks: MarksTable;
  mark_history: MarkHistoryTable;
  idempotency_keys: IdempotencyKeysTable;
  absence_reports: AbsenceReportsTable;
  sign_events: SignEventsTable;
  contact_attempts: ContactAttemptsTable;
  audit_log: AuditLogTable;
  leave_requests: LeaveRequestsTable;
  leave_request_sessions: LeaveRequestSessionsTable;
  follow_up_tasks: FollowUpTasksTable;
  cases: CasesTable;
  case_events: CaseEventsTable;
  penalty_notices: PenaltyNoticesTable;
  school_letterheads: SchoolLetterheadsTable;
  letter_templates: LetterTemplatesTable;
  letters: LettersTable;
  outbound_messages: OutboundMessagesTable;
  sms_outbox: SmsOutboxTable;
  case_alert_decisions: CaseAlertDecisionsTable;
}

export type SessionName = 'AM' | 'PM';
export type JurisdictionName = 'england' | 'wales';
export type SchoolPhase = 'primary' | 'secondary';
export type UserRole =
  | 'admin'
  | 'headteacher'
  | 'attendance_lead'
  | 'attendance_officer'
  | 'office'
  | 'teacher'
  | 'governor'
  | 'parent'
  | 'la_officer';
export type MarkSource =
  'register' | 'office' | 'import' | 'absence-report' | 'reception' | 'system';
export type RegistrationStatus = 'single' | 'main' | 'subsidiary';
export type SenStatus = 'N' | 'K' | 'E';
export type PupilSex = 'M' | 'F';
export type ClassKind = 'registration' | 'teaching';
export type SignDirection = 'in' | 'out';
export type AbsenceReportSource = 'parent' | 'office';
export type ContactOutcome = 'reached' | 'no-answer' | 'message-left' | 'reason-given';

type Instant = ColumnType<Date, Date | undefined, Date>;
type CreatedAt = ColumnType<Date, Date | undefined, never>;
type Json<T extends object> = JSONColumnType<T>;

export interface TrustsTable {
  id: Generated<number>;
  name: string;
  created_at: CreatedAt;
}

export interface LocalAuthoritiesTable {
  id: Generated<number>;
  code: string;
  name: string;
}

export interface SchoolsTable {
  id: Generated<number>;
  trust_id: number | null;
  local_authority_id: number;
  urn: string | null;
  name: string;
  jurisdiction: JurisdictionName;
  phase: SchoolPhase;
  policy_preset: string;
  policy_settings: Json<Record<string, unknown>>;
  custom_policy_yaml: string | null;
  am_register_opens: string;
  am_register_closes: string;
  pm_register_opens: string;
  pm_register_closes: string;
  created_at: CreatedAt;
  /** Moves on any change to the school, its academic years, terms or closures (0008). */
  calendar_version: ColumnType<number, never, never>;
}

export interface UsersTable {
  id: Generated<number>;
  email: string;
  display_name: string;
  password_hash: string | null;
  role: UserRole;
  school_id: number | null;
  trust_id: number | null;
  local_authority_id: number | null;
  deactivated_at: Date | null;
  created_at: CreatedAt;
}

export interface AuthSessionsTable {
  id: Generated<number>;
  token_hash: string;
  user_id: number;
  created_at: CreatedAt;
  expires_at: Date;
}

export interface LoginAttemptsTable {
  id: Generated<number>;
  email: string;
  ip_address: string;
  succeeded: boolean;
  attempted_at: Instant;
}

export interface AcademicYearsTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface TermsTable {
  id: Generated<number>;
  academic_year_id: number;
  name: string;
  starts_on: string;
  ends_on: string;
}

export interface ClosuresTable {
  id: Generated<number>;
  school_id: number;
  starts_on: string;
  starts_session: Generated<SessionName>;
  ends_on: string;
  ends_session: Generated<SessionName>;
  reason: string;
}

export interface YearGroupsTable {
  id: Generated<number>;
  school_id: number;
  name: string;
  national_curriculum_year: string;
  sort_order: number;
}

export interface ClassesTable {
  id: Generated<number>;
  school_id: number;
  academic_year_id: number;
  year_group_id: number | null;
  name: string;
  kind: ClassKind;
}

export interface ClassTeachersTable {
  class_id: number;
  user_id: number;
}

export interface ClassMembersTable {
  class_id: number;
  enrolment_id: number;
}

export interface PupilsTable {
  id: Generated<number>;
  upn: string;
  legal_first_name: string;
  legal_last_name: string;
  preferred_first_name: string | null;
  preferred_last_name: string | null;
  date_of_birth: string;
  sex: PupilSex;
  ethnicity: string | null;
  sen_status: SenStatus;
  free_school_meals: boolean;
  pupil_premium: boolean;
  english_additional_language: boolean;
  looked_after: boolean;
  child_in_need: boolean;
  young_carer: boolean;
  created_at: CreatedAt;
}

export interface EnrolmentsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  on_roll_from: string;
  on_roll_to: string | null;
  registration_status: RegistrationStatus;
  year_group_id: number | null;
  class_id: number | null;
}

export interface ContactsTable {
  id: Generated<number>;
  pupil_id: number;
  user_id: number | null;
  name: string;
  relationship: string;
  parental_responsibility: boolean;
  emergency_contact: boolean;
  phone: string | null;
  email: string | null;
  priority: number;
}

export interface LessonsTable {
  id: Generated<number>;
  school_id: number;
  class_id: number;
  teacher_user_id: number | null;
  subject: string | null;
  weekday: number;
  period: string;
  session: SessionName;
  starts_at: string;
  ends_at: string;
  valid_from: string;
  valid_to: string | null;
}

export interface LessonMarksTable {
  id: Generated<number>;
  lesson_id: number;
  enrolment_id: number;
  pupil_id: number;
  date: string;
  code: string;
  version: Generated<number>;
  recorded_at: Date;
  recorded_by: number;
}

export interface MarksTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  enrolment_id: number;
  date: string;
  session: SessionName;
  code: string;
  version: Generated<number>;
  recorded_at: Date;
  recorded_by: number;
}

export interface MarkHistoryTable {
  id: Generated<number>;
  mark_id: number;
  mark_version: number;
  previous_code: string | null;
  new_code: string;
  reason: string | null;
  source: MarkSource;
  changed_at: Date;
  changed_by: number;
  changed_by_name: string;
  changed_by_role: UserRole;
}

export interface IdempotencyKeysTable {
  key: string;
  user_id: number;
  request_hash: string;
  response: Json<Record<string, unknown>>;
  created_at: Instant;
}

export interface AbsenceReportsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  reported_by: number;
  contact_id: number | null;
  source: AbsenceReportSource;
  reason: string;
  suggested_code: string | null;
  from_date: string;
  from_session: SessionName;
  to_date: string;
  to_session: SessionName;
  expected_return: string | null;
  created_at: Instant;
}

export interface SignEventsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  date: string;
  time: string;
  direction: SignDirection;
  reason: string | null;
  recorded_by: number;
  recorded_at: Instant;
}

export interface ContactAttemptsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  contact_id: number | null;
  attempted_at: Date;
  outcome: ContactOutcome;
  note: string | null;
  made_by: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  actor_user_id: number | null;
  action: string;
  subject_pupil_id: number | null;
  details: Json<Record<string, unknown>>;
  occurred_at: Instant;
}

export type LetterDelivery = 'email' | 'print';
export type MessageChannel = 'email' | 'sms';
export type MessageStatus = 'queued' | 'sent' | 'failed';

export interface SchoolLetterheadsTable {
  school_id: number;
  address: string;
  phone: string | null;
  email: string | null;
  signatory: string | null;
  updated_at: Instant;
}

export interface LetterTemplatesTable {
  id: Generated<number>;
  school_id: number;
  kind: string;
  title: string;
  email_subject: string;
  body: string;
  updated_by: number;
  updated_at: Date;
}

export interface LettersTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  kind: string;
  title: string;
  delivery: LetterDelivery;
  recipients: string[];
  sent_by: number;
  sent_by_name: string;
  sent_at: Date;
  pdf: Uint8Array;
  pdf_sha256: string;
}

export interface OutboundMessagesTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number | null;
  channel: MessageChannel;
  recipient: string;
  subject: string;
  body: string;
  letter_id: number | null;
  dedupe_key: string | null;
  status: Generated<MessageStatus>;
  attempts: Generated<number>;
  last_error: string | null;
  next_attempt_at: Date | null;
  created_at: Date;
  sent_at: Date | null;
}

export interface SmsOutboxTable {
  id: Generated<number>;
  message_id: number;
  phone: string;
  body: string;
  created_at: Date;
}

// 0009: follow-up casework (leave requests, first-day tasks, cases, penalty notices).

export type LeavePurposeName = 'holiday' | 'extended-holiday' | 'exceptional';
export type LeaveRequestStatus = 'pending' | 'granted' | 'part-granted' | 'refused';
export type CaseEventKind =
  | 'opened'
  | 'stage-changed'
  | 'closed'
  | 'meeting'
  | 'action-plan'
  | 'attendance-contract'
  | 'parenting-contract'
  | 'engagement-plan'
  | 'reintegration-plan'
  | 'part-time-timetable'
  | 'referral'
  | 'notice-to-improve'
  | 'penalty-notice'
  | 'note';

export interface LeaveRequestsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  requested_by: number;
  source: 'parent' | 'office';
  purpose: LeavePurposeName;
  reason: string;
  evidence: string | null;
  from_date: string;
  from_session: SessionName;
  to_date: string;
  to_session: SessionName;
  agreed_return: string | null;
  exceptional_test_required: Generated<boolean>;
  status: Generated<LeaveRequestStatus>;
  decided_by: number | null;
  decided_at: Date | null;
  decision_reason: string | null;
  created_at: Instant;
}

export interface LeaveRequestSessionsTable {
  leave_request_id: number;
  date: string;
  session: SessionName;
  granted: boolean;
  code: string;
}

export interface FollowUpTasksTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  workflow: string;
  step: string;
  absence_day: number;
  absence_started_on: string;
  due_on: string;
  assigned_role: string;
  escalate_to_role: string;
  escalated_at: Date | null;
  done_at: Date | null;
  done_by: number | null;
  outcome: string | null;
  created_at: Instant;
}

export interface CasesTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  ladder: string;
  stage: number;
  opened_at: Date;
  opened_by: number;
  closed_at: Date | null;
  closed_by: number | null;
  notes: string | null;
}

export interface CaseEventsTable {
  id: Generated<number>;
  case_id: number;
  kind: CaseEventKind;
  occurred_on: string;
  summary: string;
  details: Json<Record<string, unknown>>;
  review_on: string | null;
  due_on: string | null;
  recorded_by: number;
  recorded_at: Instant;
}

export interface PenaltyNoticesTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  contact_id: number;
  case_id: number | null;
  ordinal: number;
  issued_on: string;
  received_on: string;
  reduced_amount_pence: number | null;
  reduced_due_on: string | null;
  amount_pence: number;
  due_on: string;
  paid_on: string | null;
  withdrawn_on: string | null;
  issued_by: number;
  created_at: Instant;
  // 0011: what became of the notice.
  paid_amount_pence: number | null;
  withdrawal_reason: string | null;
  outcome_recorded_by: number | null;
}

// 0011: staff's decisions on rule alerts that call for a case to open or advance.
export type CaseAlertDecision = 'accepted' | 'dismissed';

export interface CaseAlertDecisionsTable {
  id: Generated<number>;
  school_id: number;
  pupil_id: number;
  rule: string;
  alert_date: string;
  alert_session: SessionName;
  decision: CaseAlertDecision;
  stage: number;
  case_id: number | null;
  reason: string | null;
  decided_by: number;
  decided_at: Date;
}
