import { processIo, EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';
import { runDemo } from './demo.command.ts';
import { EVALUATE_USAGE, runEvaluate } from './evaluate.command.ts';
import { runPolicies } from './policies.command.ts';

const USAGE = `Rollcall: school attendance register and follow-up

Usage: rollcall COMMAND [options]

Commands:
  evaluate FILE --as-of DATE [--json]   evaluate a scenario file (statistics and policy alerts)
  policies                              list the policy presets and their rules
  demo                                  evaluate the shipped example scenarios

${EVALUATE_USAGE}`;

/** Run the command line; returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'evaluate':
      return runEvaluate(rest, io);
    case 'policies':
      return runPolicies(rest, io);
    case 'demo':
      return Promise.resolve(runDemo(rest, io));
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      io.out(USAGE);
      return 0;
    default:
      io.error(`rollcall: unknown command "${command}"\n\n${USAGE}`);
      return EXIT_BAD_INPUT;
  }
}
