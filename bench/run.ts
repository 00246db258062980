/**
 * The benchmark harness: `npm run bench` runs every suite in order; `npm run bench -- NAME`
 * runs the suites whose name contains NAME. Figures are printed and saved to
 * bench/results/latest.json. The exit code is 0 whatever the figures: PASS/FAIL lines report
 * the targets, and a measurement is not a test.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { fileURLToPath } from 'node:url';
import { engineSuite } from './suites/engine.bench.ts';
import { dashboardSuite } from './suites/dashboard.bench.ts';
import { registerRushSuite } from './suites/register-rush.bench.ts';
import type { BenchSuite, SuiteResult } from './suite.ts';

/** Suites in the order they run; add new ones (HTTP registers, dashboard queries) here. */
const SUITES: readonly BenchSuite[] = [engineSuite, registerRushSuite, dashboardSuite];

const RESULTS_DIRECTORY = fileURLToPath(new URL('./results/', import.meta.url));

function printTable(rows: readonly (readonly string[])[]): void {
  const widths = rows[0]!.map((_, column) => Math.max(...rows.map((row) => row[column]!.length)));
  for (const row of rows)
    console.log(
      `  ${row.map((cell, column) => cell.padEnd(widths[column]!)).join('  ')}`.trimEnd(),
    );
}

function printSuite(result: SuiteResult): void {
  console.log(`\n${result.suite}: ${result.description}`);
  for (const note of result.notes) console.log(`  ${note}`);
  console.log('');
  printTable([
    ['metric', 'value'],
    ...result.metrics.map((metric) => [metric.name, metric.display]),
  ]);
  console.log('');
  printTable([
    ['target', 'wanted', 'measured', 'result'],
    ...result.targets.map((check) => [
      check.name,
      check.target,
      check.actual,
      check.pass ? 'PASS' : 'FAIL',
    ]),
  ]);
}

async function runSuites(filter: string | undefined): Promise<void> {
  const chosen = SUITES.filter((suite) => filter === undefined || suite.name.includes(filter));
  if (chosen.length === 0) {
    console.log(
      `No benchmark suite matches "${filter ?? ''}"; the suites are: ${SUITES.map((s) => s.name).join(', ')}`,
    );
    return;
  }
  const results: SuiteResult[] = [];
  for (const suite of chosen) {
    const result = await suite.run();
    printSuite(result);
    results.push(result);
  }
  mkdirSync(RESULTS_DIRECTORY, { recursive: true });
  const file = `${RESULTS_DIRECTORY}latest.json`;
  const report = {
    format: 'rollcall-bench/1',
    recordedAt: new Date().toISOString(),
    node: process.version,
    platform: `${process.platform} ${process.arch}`,
    cpu: cpus()[0]?.model ?? 'unknown',
    filter: filter ?? null,
    suites: results,
  };
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
  console.log(`\nResults written to ${file}`);
}

await runSuites(process.argv[2]);
