/** A rate (0 to 1) as people read it: "94.3%"; a dash when there is nothing to divide. */
export function formatRate(rate: number | null): string {
  return rate === null ? '–' : `${(rate * 100).toFixed(1)}%`;
}

const longDate = new Intl.DateTimeFormat('en-GB', {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const shortDate = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

// Plain dates are read at UTC midnight so no time zone can move them to another day.
function toUtc(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "Wed 4 Sept 2024" */
export function formatDate(date: string): string {
  return longDate.format(toUtc(date));
}

/** "4 Sept" */
export function formatShortDate(date: string): string {
  return shortDate.format(toUtc(date));
}

export const weekdayNames = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];

/** The school a page is about: the address's ?school=, else the reader's own school. */
export function chooseSchoolId(query: URLSearchParams, ownSchoolId: number | null): number | null {
  const asked = Number(query.get('school'));
  return Number.isInteger(asked) && asked > 0 ? asked : ownSchoolId;
}
