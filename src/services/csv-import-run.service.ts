import type { InputProblem } from '../domain/problem.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { parseClassesCsv } from '../interchange/classes-csv.ts';
import { parseContactsCsv } from '../interchange/contacts-csv.ts';
import type { ParsedRow } from '../interchange/csv-table.ts';
import { parseMarksCsv } from '../interchange/marks-csv.ts';
import { parsePupilsCsv } from '../interchange/pupils-csv.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import { runAtomically } from '../store/transaction.ts';
import { importClassesCsv } from './class-import.service.ts';
import {
  importContactsCsv,
  importMarksCsv,
  importPupilsCsv,
  type CsvImportDeps,
  type CsvImportError,
  type CsvImportOutcome,
  type CsvImportRequest,
  type Importer,
} from './csv-import.service.ts';

export type CsvImportKind = 'pupils' | 'classes' | 'contacts' | 'marks';

/** What an import reports as it runs: rows checked, then rows written, out of the file's. */
export interface CsvImportProgress {
  readonly stage: 'checking' | 'writing';
  readonly done: number;
  readonly total: number;
}

export type CsvImportRunError =
  | { readonly kind: 'school-not-found' }
  | { readonly kind: 'invalid-rows'; readonly problems: readonly InputProblem[] };

interface Kind<T> {
  readonly parse: (text: string, file: string) => Result<ParsedRow<T>[], InputProblem[]>;
  readonly importRows: (
    deps: CsvImportDeps,
    request: CsvImportRequest<T>,
  ) => Promise<Result<CsvImportOutcome, CsvImportError>>;
}

// The same parsers and importers as `rollcall import`, so the web and the CLI agree exactly.
const kinds: Record<CsvImportKind, Kind<unknown>> = {
  pupils: { parse: parsePupilsCsv, importRows: importPupilsCsv } as Kind<unknown>,
  classes: { parse: parseClassesCsv, importRows: importClassesCsv } as Kind<unknown>,
  contacts: { parse: parseContactsCsv, importRows: importContactsCsv } as Kind<unknown>,
  marks: { parse: parseMarksCsv, importRows: importMarksCsv } as Kind<unknown>,
};

/**
 * Imports an uploaded CSV file into a school exactly as `rollcall import` does: every row is
 * checked first and the rows are written in one transaction, with an audit entry, so any
 * problem means nothing is imported. The person uploading is named in imported marks' history.
 */
export async function runCsvImport(
  deps: CsvImportDeps,
  request: {
    readonly schoolId: number;
    readonly kind: CsvImportKind;
    readonly fileName: string;
    readonly text: string;
    readonly importedBy: Importer;
    readonly onProgress?: (progress: CsvImportProgress) => void;
  },
): Promise<Result<CsvImportOutcome, CsvImportRunError>> {
  const kind = kinds[request.kind];
  const parsed = kind.parse(request.text, request.fileName);
  if (!parsed.ok) return err({ kind: 'invalid-rows', problems: parsed.error });
  const total = parsed.value.length;
  request.onProgress?.({ stage: 'checking', done: 0, total });
  const outcome = await runAtomically<CsvImportOutcome, CsvImportError>(deps.db, async (trx) => {
    const imported = await kind.importRows(
      { db: trx, clock: deps.clock },
      {
        schoolId: request.schoolId,
        file: request.fileName,
        rows: parsed.value,
        importedBy: request.importedBy,
        onProgress: (done) => request.onProgress?.({ stage: 'writing', done, total }),
      },
    );
    if (!imported.ok) return imported;
    await recordAuditEvent(trx, {
      actorUserId: request.importedBy.userId,
      action: 'import.completed',
      subjectPupilId: null,
      details: {
        schoolId: request.schoolId,
        kind: request.kind,
        file: request.fileName,
        rows: total,
        imported: imported.value.imported,
      },
      occurredAt: deps.clock.now(),
    });
    return ok(imported.value);
  });
  if (outcome.ok) return outcome;
  if (outcome.error.kind === 'invalid-rows')
    return err({ kind: 'invalid-rows', problems: outcome.error.problems });
  if (outcome.error.kind === 'school-not-found') return err({ kind: 'school-not-found' });
  // The importer is always named here, so a marks import never lacks one.
  throw new Error('an import ran without the person importing');
}
