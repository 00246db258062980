/** A problem with something a person wrote: where it is and what to do about it. */
export interface InputProblem {
  readonly file?: string | undefined;
  readonly line?: number | undefined;
  /** Dotted path of the field, e.g. "pupils[2].marks[0].codes". */
  readonly field?: string | undefined;
  readonly message: string;
}

/** One line: "file.yaml:12: pupils[2].marks[0]: message". */
export function formatProblem(problem: InputProblem): string {
  const place = [problem.file, problem.line].filter((part) => part !== undefined).join(':');
  const prefix = [place, problem.field].filter((part) => part !== undefined && part !== '');
  return prefix.length > 0 ? `${prefix.join(': ')}: ${problem.message}` : problem.message;
}
