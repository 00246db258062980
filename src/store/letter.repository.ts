import type { Selectable } from 'kysely';
import type { LetterDelivery, LettersTable, LetterTemplatesTable } from './schema.ts';
import type { Executor } from './transaction.ts';

/** The school's details for the head of its letters. */
export interface StoredLetterhead {
  readonly schoolId: number;
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
  readonly signatory: string | null;
}

export async function findLetterhead(
  db: Executor,
  schoolId: number,
): Promise<StoredLetterhead | undefined> {
  const row = await db
    .selectFrom('school_letterheads')
    .select(['school_id', 'address', 'phone', 'email', 'signatory'])
    .where('school_id', '=', schoolId)
    .executeTakeFirst();
  return row === undefined
    ? undefined
    : {
        schoolId: row.school_id,
        address: row.address,
        phone: row.phone,
        email: row.email,
        signatory: row.signatory,
      };
}

export async function saveLetterhead(
  db: Executor,
  letterhead: StoredLetterhead,
  at: Date,
): Promise<void> {
  const values = {
    address: letterhead.address,
    phone: letterhead.phone,
    email: letterhead.email,
    signatory: letterhead.signatory,
    updated_at: at,
  };
  await db
    .insertInto('school_letterheads')
    .values({ school_id: letterhead.schoolId, ...values })
    .onConflict((conflict) => conflict.column('school_id').doUpdateSet(values))
    .execute();
}

/** A school's own wording for one kind of letter. */
export interface StoredLetterTemplate {
  readonly schoolId: number;
  readonly kind: string;
  readonly title: string;
  readonly emailSubject: string;
  readonly body: string;
  readonly updatedBy: number;
  readonly updatedAt: Date;
}

export async function listSchoolLetterTemplates(
  db: Executor,
  schoolId: number,
): Promise<StoredLetterTemplate[]> {
  const rows = await db
    .selectFrom('letter_templates')
    .selectAll()
    .where('school_id', '=', schoolId)
    .orderBy('kind')
    .execute();
  return rows.map(toStoredTemplate);
}

export async function saveLetterTemplate(
  db: Executor,
  template: StoredLetterTemplate,
): Promise<void> {
  const values = {
    title: template.title,
    email_subject: template.emailSubject,
    body: template.body,
    updated_by: template.updatedBy,
    updated_at: template.updatedAt,
  };
  await db
    .insertInto('letter_templates')
    .values({ school_id: template.schoolId, kind: template.kind, ...values })
    .onConflict((conflict) => conflict.columns(['school_id', 'kind']).doUpdateSet(values))
    .execute();
}

/** Removes a school's wording so the shipped default applies again; true if there was one. */
export async function deleteLetterTemplate(
  db: Executor,
  key: { schoolId: number; kind: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom('letter_templates')
    .where('school_id', '=', key.schoolId)
    .where('kind', '=', key.kind)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

function toStoredTemplate(row: Selectable<LetterTemplatesTable>): StoredLetterTemplate {
  return {
    schoolId: row.school_id,
    kind: row.kind,
    title: row.title,
    emailSubject: row.email_subject,
    body: row.body,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  };
}

/** A letter as sent: who sent what, when, how, and the PDF itself. */
export interface LetterRecord {
  readonly id: number;
  readonly schoolId: number;
  readonly pupilId: number;
  readonly kind: string;
  readonly title: string;
  readonly delivery: LetterDelivery;
  readonly recipients: readonly string[];
  readonly sentBy: number;
  readonly sentByName: string;
  readonly sentAt: Date;
  readonly pdfSha256: string;
}

export type NewLetter = Omit<LetterRecord, 'id'> & { readonly pdf: Uint8Array };

const letterColumns = [
  'id',
  'school_id',
  'pupil_id',
  'kind',
  'title',
  'delivery',
  'recipients',
  'sent_by',
  'sent_by_name',
  'sent_at',
  'pdf_sha256',
] as const;

export async function recordLetter(db: Executor, letter: NewLetter): Promise<LetterRecord> {
  const row = await db
    .insertInto('letters')
    .values({
      school_id: letter.schoolId,
      pupil_id: letter.pupilId,
      kind: letter.kind,
      title: letter.title,
      delivery: letter.delivery,
      recipients: [...letter.recipients],
      sent_by: letter.sentBy,
      sent_by_name: letter.sentByName,
      sent_at: letter.sentAt,
      pdf: letter.pdf,
      pdf_sha256: letter.pdfSha256,
    })
    .returning(letterColumns)
    .executeTakeFirstOrThrow();
  return toLetterRecord(row);
}

/** A pupil's letters at the given schools, oldest first. */
export async function listPupilLetters(
  db: Executor,
  query: { pupilId: number; schoolIds: readonly number[] },
): Promise<LetterRecord[]> {
  if (query.schoolIds.length === 0) return [];
  const rows = await db
    .selectFrom('letters')
    .select(letterColumns)
    .where('pupil_id', '=', query.pupilId)
    .where('school_id', 'in', query.schoolIds)
    .orderBy('sent_at')
    .orderBy('id')
    .execute();
  return rows.map(toLetterRecord);
}

export async function findLetter(
  db: Executor,
  letterId: number,
): Promise<LetterRecord | undefined> {
  const row = await db
    .selectFrom('letters')
    .select(letterColumns)
    .where('id', '=', letterId)
    .executeTakeFirst();
  return row === undefined ? undefined : toLetterRecord(row);
}

export async function findLetterPdf(
  db: Executor,
  letterId: number,
): Promise<Uint8Array | undefined> {
  const row = await db
    .selectFrom('letters')
    .select('pdf')
    .where('id', '=', letterId)
    .executeTakeFirst();
  return row === undefined ? undefined : new Uint8Array(row.pdf);
}

function toLetterRecord(row: Omit<Selectable<LettersTable>, 'pdf'>): LetterRecord {
  return {
    id: row.id,
    schoolId: row.school_id,
    pupilId: row.pupil_id,
    kind: row.kind,
    title: row.title,
    delivery: row.delivery,
    recipients: row.recipients,
    sentBy: row.sent_by,
    sentByName: row.sent_by_name,
    sentAt: row.sent_at,
    pdfSha256: row.pdf_sha256,
  };
}

/** Display names of users, for naming who did what in evidence. */
export async function listUserDisplayNames(
  db: Executor,
  userIds: readonly number[],
): Promise<Map<number, string>> {
  if (userIds.length === 0) return new Map();
  const rows = await db
    .selectFrom('users')
    .select(['id', 'display_name'])
    .where('id', 'in', [...new Set(userIds)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.display_name]));
}
