import type { IsoDate } from '../domain/calendar/plain-date.ts';
import type { SessionName } from './schema.ts';
import type { Executor } from './transaction.ts';

/** The marks of one session at a school, keyed by pupil: what a register page shows. */
export interface SessionMarkSummary {
  readonly markId: number;
  readonly pupilId: number;
  readonly code: string;
  readonly version: number;
}

/** A class with the school it belongs to, for pages that start from the class. */
export interface ClassOfSchool {
  readonly id: number;
  readonly schoolId: number;
  readonly name: string;
  readonly kind: string;
}

export async function findClassOfSchool(
  db: Executor,
  classId: number,
): Promise<ClassOfSchool | undefined> {
  return db
    .selectFrom('classes')
    .select(['id', 'school_id as schoolId', 'name', 'kind'])
    .where('id', '=', classId)
    .executeTakeFirst();
}

/** Every mark a school holds for one session, optionally for some pupils only. */
export async function listSessionMarks(
  db: Executor,
  query: { schoolId: number; date: IsoDate; session: SessionName },
): Promise<SessionMarkSummary[]> {
  return db
    .selectFrom('marks')
    .select(['id as markId', 'pupil_id as pupilId', 'code', 'version'])
    .where('school_id', '=', query.schoolId)
    .where('date', '=', query.date)
    .where('session', '=', query.session)
    .orderBy('pupil_id')
    .execute();
}

/** The marks with a given code at a school on a date (both sessions). */
export async function listMarksWithCode(
  db: Executor,
  query: { schoolId: number; date: IsoDate; code: string },
): Promise<(SessionMarkSummary & { readonly session: SessionName })[]> {
  return db
    .selectFrom('marks')
    .select(['id as markId', 'pupil_id as pupilId', 'code', 'version', 'session'])
    .where('school_id', '=', query.schoolId)
    .where('date', '=', query.date)
    .where('code', '=', query.code)
    .orderBy('pupil_id')
    .orderBy('session')
    .execute();
}

export async function findTrustName(db: Executor, trustId: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('trusts')
    .select('name')
    .where('id', '=', trustId)
    .executeTakeFirst();
  return row?.name;
}

export async function findLocalAuthorityName(
  db: Executor,
  localAuthorityId: number,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('local_authorities')
    .select('name')
    .where('id', '=', localAuthorityId)
    .executeTakeFirst();
  return row?.name;
}
