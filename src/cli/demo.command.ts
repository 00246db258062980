import { fileURLToPath } from 'node:url';
import type { CliIo } from './cli-io.ts';
import { runEvaluate } from './evaluate.command.ts';

const EXAMPLES = fileURLToPath(new URL('../../test/fixtures/scenarios/', import.meta.url));

/** `rollcall demo`: evaluate an example secondary school under the Wigston policy. */
export function runDemo(_args: readonly string[], io: CliIo): number {
  io.out(
    'Rollcall demo: a secondary school on the Wigston policy, as of Friday 14 February 2025.\n',
  );
  return runEvaluate([`${EXAMPLES}04-wigston-ladder.yaml`, '--as-of', '2025-02-14'], io);
}
