/** An exact rational threshold, so rate comparisons use integer arithmetic. */
export interface Fraction {
  readonly numerator: number;
  readonly denominator: number;
}

/** The exact fraction a decimal number is written as (0.955 is 955/1000), or null if it has too many digits. */
export function fractionFromDecimal(value: number): Fraction | null {
  if (!Number.isFinite(value)) return null;
  const text = String(value);
  if (/e/i.test(text)) return null;
  const dot = text.indexOf('.');
  const places = dot < 0 ? 0 : text.length - dot - 1;
  if (places > 9) return null;
  const denominator = 10 ** places;
  return { numerator: Math.round(value * denominator), denominator };
}

/** Whether part / whole >= threshold, exactly. */
export function isRateAtLeast(part: number, whole: number, threshold: Fraction): boolean {
  return part * threshold.denominator >= threshold.numerator * whole;
}

/** Whether part / whole < threshold, exactly. */
export function isRateBelow(part: number, whole: number, threshold: Fraction): boolean {
  return part * threshold.denominator < threshold.numerator * whole;
}

/** A fraction as a percentage for people ("95%", "92.5%"). */
export function formatPercent(threshold: Fraction): string {
  const percent = (threshold.numerator * 100) / threshold.denominator;
  return `${Number(percent.toFixed(4))}%`;
}
