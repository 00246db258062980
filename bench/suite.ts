/** What every benchmark suite reports, so run.ts can print and save them all the same way. */

export interface Metric {
  readonly name: string;
  readonly value: number;
  readonly unit: string;
  /** How to show the value to a person, e.g. "12.3M marks/s". */
  readonly display: string;
}

export interface TargetCheck {
  readonly name: string;
  readonly target: string;
  readonly actual: string;
  readonly pass: boolean;
}

export interface SuiteResult {
  readonly suite: string;
  readonly description: string;
  /** Lines about the input worth reading before the figures (e.g. the data's calibration). */
  readonly notes: readonly string[];
  readonly metrics: readonly Metric[];
  readonly targets: readonly TargetCheck[];
}

export interface BenchSuite {
  readonly name: string;
  readonly description: string;
  run(): SuiteResult | Promise<SuiteResult>;
}
