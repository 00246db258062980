/** Money in pence, as a parent reads it on a notice: "£80" or "£80.50". */
export function formatPounds(pence: number): string {
  const pounds = Math.floor(pence / 100);
  const rest = pence % 100;
  return rest === 0 ? `£${String(pounds)}` : `£${String(pounds)}.${String(rest).padStart(2, '0')}`;
}

/** What staff can consider when the law allows no further penalty notice, in plain English. */
const alternativeWords: Readonly<Record<string, string>> = {
  'consider-prosecution':
    'Consider prosecuting the parent for the child’s irregular attendance (section 444 of the Education Act 1996).',
  'parenting-order': 'Ask the court for a parenting order alongside a prosecution.',
  'education-supervision-order':
    'Apply for an education supervision order, so the local authority supports the family.',
  'attendance-contract': 'Agree an attendance contract with the parent.',
};

export function describeAlternative(action: string): string {
  return alternativeWords[action] ?? action;
}

/** The kinds of event a case records, as the timeline and the form name them. */
export const eventKindWords: Readonly<Record<string, string>> = {
  opened: 'Case opened',
  'stage-changed': 'Stage changed',
  closed: 'Case closed',
  meeting: 'Meeting',
  note: 'Note',
  'action-plan': 'Action plan',
  'engagement-plan': 'School engagement plan',
  'reintegration-plan': 'Reintegration plan',
  'attendance-contract': 'Attendance contract',
  'parenting-contract': 'Parenting contract',
  'part-time-timetable': 'Part-time timetable',
  referral: 'Referral',
  'notice-to-improve': 'Notice to improve',
  'penalty-notice': 'Penalty notice',
};

export function describeEventKind(kind: string): string {
  return eventKindWords[kind] ?? kind;
}

export const referralWords: Readonly<Record<string, string>> = {
  'education-welfare': 'Education welfare service',
  'attendance-support-service': 'Attendance support service',
  'social-care': 'Children’s social care',
  'children-missing-education': 'Children missing education (CME) return',
  'pupils-missing-education': 'Pupils missing education (PME) return',
  'pupil-support-service': 'Pupil support service',
};

export const ladderWords: Readonly<Record<string, string>> = {
  wigston: 'stage',
  'roch-cp': 'step',
};

/** "stage" on Wigston's ladder, "step" on Roch's: each school's own word for a rung. */
export function describeRung(ladder: string): string {
  return ladderWords[ladder] ?? 'stage';
}

const dayFormat = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "Wed 2 Oct 2024" for a plain date (YYYY-MM-DD), read at UTC so no zone moves the day. */
export function formatDay(date: string): string {
  const parsed = new Date(`${date}T00:00:00Z`);
  return Number.isNaN(parsed.getTime()) ? date : dayFormat.format(parsed).replace(',', '');
}
