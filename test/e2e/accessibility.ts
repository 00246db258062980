import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import type { AxeResults } from 'axe-core';
import { expect } from 'vitest';

const require = createRequire(import.meta.url);
let axeSource: Promise<string> | undefined;

interface ReportedViolation {
  readonly id: string;
  readonly impact: string | null | undefined;
  readonly help: string;
  readonly targets: string[];
}

/**
 * Runs axe-core in the page and fails on any serious or critical violation, listing each with
 * the elements at fault. Evaluated through the DevTools protocol, so the page's own Content
 * Security Policy (no inline scripts) stays in force.
 */
export async function expectNoSeriousAccessibilityViolations(page: Page): Promise<void> {
  axeSource ??= readFile(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(await axeSource);
  const results = await page.evaluate(
    // axe is the global the injected script defines.
    () => (window as unknown as { axe: { run(): Promise<AxeResults> } }).axe.run(),
  );
  const serious: ReportedViolation[] = results.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      targets: violation.nodes.map((node) => node.target.join(' ')),
    }));
  expect(serious, `accessibility violations on ${page.url()}`).toEqual([]);
}
