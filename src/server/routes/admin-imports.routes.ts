import { PassThrough } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  ImportBody,
  ImportSummary,
  type ImportEvent,
} from '../../contracts/admin-people.contract.ts';
import { SchoolParams } from '../../contracts/common.contract.ts';
import type { InputProblem } from '../../domain/problem.ts';
import { runCsvImport, type CsvImportRunError } from '../../services/csv-import-run.service.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn } from '../auth.hooks.ts';
import { createProblem, createProblemWith, sendProblem } from '../problem.ts';
import { manageSchool, needs, problems, security } from '../school-admin-parts.ts';

/** At most this many problems are sent back; a file wrong throughout says so once. */
const PROBLEMS_SENT = 200;
const streamType = 'application/x-ndjson';

function describeRefusal(found: readonly InputProblem[]): string {
  const count = found.length === 1 ? 'the problem' : `the ${found.length} problems`;
  return `Nothing was imported: fix ${count} and upload the file again.`;
}

/** Problems as sent: the file, line and column of each, as the command line lists them. */
function listProblems(found: readonly InputProblem[]) {
  return found.slice(0, PROBLEMS_SENT).map((problem) => ({
    ...(problem.file === undefined ? {} : { file: problem.file }),
    ...(problem.line === undefined ? {} : { line: problem.line }),
    ...(problem.field === undefined ? {} : { field: problem.field }),
    message: problem.message,
  }));
}

function refusalOf(error: CsvImportRunError) {
  const found: InputProblem[] =
    error.kind === 'school-not-found'
      ? [{ message: 'there is no school with that id' }]
      : [...error.problems];
  return { detail: describeRefusal(found), problems: listProblems(found) };
}

export function registerImportRoutes(app: RollcallApp): void {
  app.post(
    '/api/schools/:schoolId/imports',
    {
      // A year of a secondary school's marks is several megabytes of CSV.
      bodyLimit: 24 * 1024 * 1024,
      schema: {
        summary: 'Import a CSV file of pupils, classes, contacts or historic marks',
        description:
          'The same checks and columns as `rollcall import`: every row is checked, then all are ' +
          'written in one transaction, so a single problem means nothing is imported (422, each ' +
          'problem naming the file, line and column). Imported marks name you in their history. ' +
          `With \`Accept: ${streamType}\` the answer streams one JSON object a line as the import ` +
          'runs: `progress` (stage checking or writing, rows done of total), then `imported` ' +
          `with the summary or \`refused\` with the problems.${needs}`,
        tags: ['imports'],
        security,
        params: SchoolParams,
        body: ImportBody,
        response: { 200: ImportSummary, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const accepted = request.headers.accept ?? '';
      const input = { schoolId: request.params.schoolId, body: request.body };
      if (accepted.includes(streamType)) return streamImport(request, input, reply);
      const outcome = await startImport(request, input, () => undefined);
      if (outcome.ok) return outcome.value;
      const refusal = refusalOf(outcome.error);
      if (outcome.error.kind === 'school-not-found')
        return sendProblem(reply, createProblem('not-found', 'There is no school with that id.'));
      return sendProblem(
        reply,
        createProblemWith('import-refused', refusal.detail, {
          problems: refusal.problems,
          errors: refusal.problems.map((problem) => ({
            field: problem.field === undefined ? 'body.text' : `body.text.${problem.field}`,
            message: `line ${problem.line ?? '?'}: ${problem.message}`,
          })),
        }),
      );
    },
  );
}

interface ImportInput {
  readonly schoolId: number;
  readonly body: ImportBody;
}

function startImport(
  request: FastifyRequest,
  input: ImportInput,
  report: (event: ImportEvent) => void,
) {
  const { db, clock } = request.server.rollcall;
  const { user } = getSignedIn(request).session;
  const { kind, fileName, text } = input.body;
  return runCsvImport(
    { db, clock },
    {
      schoolId: input.schoolId,
      kind,
      fileName,
      text,
      importedBy: { userId: user.id, name: user.displayName, role: user.role },
      onProgress: (progress) => {
        report({ type: 'progress', ...progress });
      },
    },
  ).then((outcome) => {
    if (outcome.ok)
      report({ type: 'imported', summary: { kind, fileName, imported: outcome.value.imported } });
    else report({ type: 'refused', ...refusalOf(outcome.error) });
    return outcome.ok
      ? { ok: true as const, value: { kind, fileName, imported: outcome.value.imported } }
      : outcome;
  });
}

/**
 * Answers at once and writes a line per progress report while the import runs in this
 * request, so a progress bar moves even while the import's transaction holds the database.
 */
function streamImport(
  request: FastifyRequest,
  input: ImportInput,
  reply: FastifyReply,
): FastifyReply {
  const stream = new PassThrough();
  // A browser that goes away mid-import closes the stream; the import still finishes or rolls
  // back on its own, and later lines have nowhere to go.
  stream.on('error', () => undefined);
  const write = (event: ImportEvent) => {
    if (!stream.destroyed && !stream.writableEnded) stream.write(`${JSON.stringify(event)}\n`);
  };
  startImport(request, input, write)
    .catch((error: unknown) => {
      // The transaction rolled back; the error's text may quote a row, so only its kind is logged.
      request.log.error(
        { errorName: error instanceof Error ? error.name : typeof error },
        'import failed',
      );
      write({
        type: 'refused',
        detail: 'The import failed on the server and nothing was imported. Try again later.',
        problems: [],
      });
    })
    .finally(() => stream.end());
  return reply.code(200).type(streamType).header('cache-control', 'no-store').send(stream);
}
