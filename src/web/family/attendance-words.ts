const percent = new Intl.NumberFormat('en-GB', {
  style: 'percent',
  minimumFractionDigits: 0,
  maximumFractionDigits: 1,
});

/** "94.7%" for 0.947; rates are shown as schools write them, to one decimal place. */
export function formatRate(rate: number): string {
  return percent.format(rate);
}

/** What persistent and severe absence mean, in the words schools send to families. */
export const persistentAbsenceExplanation =
  'A pupil who misses 10% or more of their sessions is “persistently absent”: that is about one ' +
  'day every two weeks. Missing 50% or more is “severe absence”. Each school day has two ' +
  'sessions, morning and afternoon.';

/** How a rate compares with the target, in a sentence. */
export function compareWithTarget(rate: number, target: number): string {
  // Compared in whole tenths of a percent, as the rates are shown.
  const shown = Math.round(rate * 1000);
  const wanted = Math.round(target * 1000);
  if (shown >= wanted) return `That meets the school’s target of ${formatRate(target)}.`;
  return `That is below the school’s target of ${formatRate(target)}.`;
}
