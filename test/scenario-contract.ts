/**
 * Compares an evaluation with an expected rollcall-evaluation/1 document the way the contract
 * says: numbers within 1e-4, field order free, and fields we add beyond the expected ones allowed.
 */
export function differencesFromExpected(actual: unknown, expected: unknown, path = '$'): string[] {
  if (typeof expected === 'number') {
    return typeof actual === 'number' && Math.abs(actual - expected) <= 1e-4
      ? []
      : [`${path}: expected ${expected}, got ${JSON.stringify(actual)}`];
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual))
      return [`${path}: expected an array, got ${JSON.stringify(actual)}`];
    const problems: string[] = [];
    if (actual.length !== expected.length)
      problems.push(
        `${path}: expected ${expected.length} entries, got ${actual.length}: ${JSON.stringify(actual)}`,
      );
    expected.forEach((item, i) => {
      if (i < actual.length)
        problems.push(...differencesFromExpected(actual[i], item, `${path}[${i}]`));
    });
    return problems;
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object')
      return [`${path}: expected an object, got ${JSON.stringify(actual)}`];
    const record = actual as Record<string, unknown>;
    const problems: string[] = [];
    for (const [key, value] of Object.entries(expected))
      problems.push(...differencesFromExpected(record[key], value, `${path}.${key}`));
    // Code tallies must match exactly: no extra codes either.
    if (path.endsWith('.codes'))
      for (const key of Object.keys(record))
        if (!(key in expected))
          problems.push(`${path}.${key}: unexpected code tally ${JSON.stringify(record[key])}`);
    return problems;
  }
  return actual === expected
    ? []
    : [`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`];
}
