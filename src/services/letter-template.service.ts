import { findDefaultTemplate } from '../documents/default-letter-templates.ts';
import {
  letterKinds,
  validateTemplateText,
  type LetterKind,
  type LetterTemplate,
  type TemplateProblem,
} from '../documents/letter-template.ts';
import { recordAuditEvent } from '../store/audit.repository.ts';
import {
  deleteLetterTemplate,
  findLetterhead,
  listSchoolLetterTemplates,
  saveLetterhead,
  saveLetterTemplate,
  type StoredLetterhead,
} from '../store/letter.repository.ts';
import { err, ok, type Result } from '../domain/result.ts';
import { runAtomically, type Executor } from '../store/transaction.ts';
import type { Clock } from './clock.ts';

/** The wording a school's letters of one kind use, and whether it is the school's own. */
export interface EffectiveTemplate {
  readonly template: LetterTemplate;
  readonly customised: boolean;
  readonly updatedAt: Date | null;
}

/** Every kind of letter with the wording the school will send: its own, or the default. */
export async function listEffectiveTemplates(
  db: Executor,
  schoolId: number,
): Promise<EffectiveTemplate[]> {
  const own = new Map(
    (await listSchoolLetterTemplates(db, schoolId)).map((stored) => [stored.kind, stored]),
  );
  return letterKinds.map((kind) => {
    const stored = own.get(kind);
    return stored === undefined
      ? { template: findDefaultTemplate(kind), customised: false, updatedAt: null }
      : {
          template: {
            kind,
            title: stored.title,
            emailSubject: stored.emailSubject,
            body: stored.body,
          },
          customised: true,
          updatedAt: stored.updatedAt,
        };
  });
}

export async function findEffectiveTemplate(
  db: Executor,
  schoolId: number,
  kind: LetterKind,
): Promise<LetterTemplate> {
  const all = await listEffectiveTemplates(db, schoolId);
  return all.find((entry) => entry.template.kind === kind)?.template ?? findDefaultTemplate(kind);
}

export interface TemplateChange {
  readonly schoolId: number;
  readonly template: LetterTemplate;
  readonly actorUserId: number;
}

/** Saves a school's wording after checking every placeholder; refused with each problem named. */
export async function saveSchoolTemplate(
  deps: { db: Executor; clock: Clock },
  change: TemplateChange,
): Promise<Result<void, TemplateProblem[]>> {
  const checked = validateTemplateText(change.template);
  if (!checked.ok) return checked;
  const at = deps.clock.now();
  return runAtomically(deps.db, async (trx) => {
    await saveLetterTemplate(trx, {
      schoolId: change.schoolId,
      kind: change.template.kind,
      title: change.template.title,
      emailSubject: change.template.emailSubject,
      body: change.template.body,
      updatedBy: change.actorUserId,
      updatedAt: at,
    });
    await recordAuditEvent(trx, {
      actorUserId: change.actorUserId,
      action: 'letter-template-saved',
      subjectPupilId: null,
      details: { schoolId: change.schoolId, kind: change.template.kind },
      occurredAt: at,
    });
    return ok(undefined);
  });
}

/** Returns a kind of letter to the shipped wording. */
export async function resetSchoolTemplate(
  deps: { db: Executor; clock: Clock },
  reset: { schoolId: number; kind: LetterKind; actorUserId: number },
): Promise<Result<void, { kind: 'not-customised' }>> {
  return runAtomically(deps.db, async (trx) => {
    const removed = await deleteLetterTemplate(trx, reset);
    if (!removed) return err({ kind: 'not-customised' as const });
    await recordAuditEvent(trx, {
      actorUserId: reset.actorUserId,
      action: 'letter-template-reset',
      subjectPupilId: null,
      details: { schoolId: reset.schoolId, kind: reset.kind },
      occurredAt: deps.clock.now(),
    });
    return ok(undefined);
  });
}

const blankLetterhead = { address: '', phone: null, email: null, signatory: null };

/** The school's letterhead details; blank until someone fills them in. */
export async function loadLetterhead(db: Executor, schoolId: number): Promise<StoredLetterhead> {
  return (await findLetterhead(db, schoolId)) ?? { schoolId, ...blankLetterhead };
}

export async function updateLetterhead(
  deps: { db: Executor; clock: Clock },
  change: { letterhead: StoredLetterhead; actorUserId: number },
): Promise<void> {
  const at = deps.clock.now();
  await runAtomically(deps.db, async (trx) => {
    await saveLetterhead(trx, change.letterhead, at);
    await recordAuditEvent(trx, {
      actorUserId: change.actorUserId,
      action: 'letterhead-saved',
      subjectPupilId: null,
      details: { schoolId: change.letterhead.schoolId },
      occurredAt: at,
    });
    return ok(undefined);
  });
}
