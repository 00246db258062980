import { processIo, EXIT_BAD_INPUT, type CliIo } from './cli-io.ts';
import { runDemo } from './demo.command.ts';
import { EVALUATE_USAGE, runEvaluate } from './evaluate.command.ts';
import { EXPORT_USAGE, runExport } from './export.command.ts';
import { IMPORT_USAGE, runImport } from './import.command.ts';
import { MIGRATE_USAGE, runMigrate } from './migrate.command.ts';
import { runPolicies } from './policies.command.ts';
import { runServe, SERVE_USAGE } from './serve.command.ts';

const USAGE = `Rollcall: school attendance register and follow-up

Usage: rollcall COMMAND [options]

Commands:
  serve [--demo]                        serve the API and web app (--demo: with a demo trust)
  migrate                               bring the database's schema up to date
  import pupils|contacts|marks FILE --school ID
                                        import a CSV file into a school, all or nothing
  export --scenario --school ID [--out FILE]
                                        write a school's register as a scenario file
  evaluate FILE --as-of DATE [--json]   evaluate a scenario file (statistics and policy alerts)
  policies                              list the policy presets and their rules
  demo                                  evaluate the shipped example scenario

The database is DATABASE_URL when set, otherwise the embedded one in DATA_DIR (./data).

${SERVE_USAGE}

${IMPORT_USAGE}

${EXPORT_USAGE}

${MIGRATE_USAGE}

${EVALUATE_USAGE}`;

/** Run the command line; returns the process exit code. */
export async function runCli(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'serve':
      return (await runServe(rest, io)).code;
    case 'migrate':
      return runMigrate(rest, io);
    case 'import':
      return runImport(rest, io);
    case 'export':
      return runExport(rest, io);
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
