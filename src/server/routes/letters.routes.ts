import type { FastifyReply } from 'fastify';
import { PupilParams, SchoolParams } from '../../contracts/common.contract.ts';
import {
  LetterheadBody,
  LetterheadResponse,
  LetterList,
  LetterParams,
  LetterPreviewRequest,
  LetterSendRequest,
  LetterSent,
  LetterTemplateBody,
  LetterTemplateList,
  TemplateParams,
} from '../../contracts/letter.contract.ts';
import { Problem } from '../../contracts/problem.contract.ts';
import {
  letterFieldPlaceholders,
  listLetterFieldsUsed,
  recordPlaceholders,
  type TemplateProblem,
} from '../../documents/letter-template.ts';
import { buildEvidenceBundle } from '../../services/evidence-bundle.service.ts';
import {
  listEffectiveTemplates,
  loadLetterhead,
  resetSchoolTemplate,
  saveSchoolTemplate,
  updateLetterhead,
} from '../../services/letter-template.service.ts';
import { prepareLetter, sendLetter, type LetterError } from '../../services/letter.service.ts';
import { recordAuditEvent } from '../../store/audit.repository.ts';
import {
  findLetter,
  findLetterPdf,
  listPupilLetters,
  type LetterRecord,
} from '../../store/letter.repository.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, inPath, readPathId, requireCapability } from '../auth.hooks.ts';
import { findPupilSchoolsAllowing } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem } from '../service-problems.ts';

const tags = ['letters'];
const security = [{ session: [] }];
// Plain JSON schemas, not zod: the body is the PDF's bytes, sent as they are.
const pdfResponse = {
  200: {
    description: 'A PDF document',
    content: { 'application/pdf': { schema: { type: 'string', format: 'binary' } } },
  },
} as const;
const NoContent = { type: 'null', description: 'No content' } as const;

function describeLetter(letter: LetterRecord) {
  return {
    id: letter.id,
    schoolId: letter.schoolId,
    pupilId: letter.pupilId,
    kind: letter.kind,
    title: letter.title,
    delivery: letter.delivery,
    recipients: [...letter.recipients],
    sentBy: { id: letter.sentBy, name: letter.sentByName },
    sentAt: letter.sentAt.toISOString(),
    pdfSha256: letter.pdfSha256,
  };
}

function describeTemplateProblems(problems: readonly TemplateProblem[]): Problem {
  return createProblem(
    'invalid-template',
    `The template cannot be saved: ${problems
      .slice(0, 3)
      .map((problem) => `${problem.field} line ${String(problem.line)}: ${problem.message}`)
      .join('; ')}.`,
    {
      errors: problems.map((problem) => ({
        field: `body.${problem.field}`,
        message: `line ${String(problem.line)}: ${problem.message}`,
      })),
    },
  );
}

function sendLetterProblem(reply: FastifyReply, error: LetterError): FastifyReply {
  switch (error.kind) {
    case 'pupil-not-found':
      return sendProblem(reply, createProblem('not-found', 'There is no pupil with that id.'));
    case 'missing-letter-fields':
      return sendProblem(
        reply,
        createProblem(
          'missing-letter-fields',
          `This letter needs ${error.fields.join(', ')}; give them in fields.`,
          {
            errors: error.fields.map((field) => ({
              field: `body.fields.${field}`,
              message: 'required by the template',
            })),
          },
        ),
      );
    case 'invalid-period':
      return sendProblem(
        reply,
        createProblem('validation', `The period is not valid: ${error.message}.`, {
          errors: [{ field: 'body.fields', message: error.message }],
        }),
      );
    case 'no-email-recipients':
      return sendProblem(
        reply,
        createProblem(
          'no-recipients',
          'No contact with parental responsibility has an email address: add one, or send the letter as printed.',
        ),
      );
    default:
      return sendProblem(reply, describeSetupProblem(error));
  }
}

function sendPdf(reply: FastifyReply, pdf: Uint8Array, filename: string): FastifyReply {
  return reply
    .type('application/pdf')
    .header('content-disposition', `inline; filename="${filename}"`)
    .header('cache-control', 'no-store')
    .send(Buffer.from(pdf));
}

export function registerLetterRoutes(app: RollcallApp): void {
  app.get(
    '/api/schools/:schoolId/letter-templates',
    {
      schema: {
        summary: "The school's letter templates: its own wording or the default, per kind",
        description: 'With every placeholder a template may use. Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        response: { 200: LetterTemplateList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request) => {
      const templates = await listEffectiveTemplates(
        request.server.rollcall.db,
        request.params.schoolId,
      );
      return {
        templates: templates.map((entry) => ({
          kind: entry.template.kind,
          title: entry.template.title,
          emailSubject: entry.template.emailSubject,
          body: entry.template.body,
          customised: entry.customised,
          updatedAt: entry.updatedAt?.toISOString() ?? null,
          fieldsNeeded: listLetterFieldsUsed(entry.template),
        })),
        placeholders: Object.entries({ ...recordPlaceholders, ...letterFieldPlaceholders }).map(
          ([name, description]) => ({ name, description }),
        ),
      };
    },
  );

  app.put(
    '/api/schools/:schoolId/letter-templates/:kind',
    {
      schema: {
        summary: "Save the school's own wording for a kind of letter",
        description:
          'Placeholders are written {{pupil.firstName}}; an unknown one is refused by name and ' +
          'line. Needs manage-letter-templates (administrators, headteachers, attendance leads).',
        tags,
        security,
        params: TemplateParams,
        body: LetterTemplateBody,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404, 422) },
      },
      preHandler: requireCapability('manage-letter-templates', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const saved = await saveSchoolTemplate(
        { db, clock },
        {
          schoolId: request.params.schoolId,
          actorUserId: getSignedIn(request).session.actor.userId,
          template: { kind: request.params.kind, ...request.body },
        },
      );
      if (!saved.ok) return sendProblem(reply, describeTemplateProblems(saved.error));
      return reply.code(204).send();
    },
  );

  app.delete(
    '/api/schools/:schoolId/letter-templates/:kind',
    {
      schema: {
        summary: 'Return a kind of letter to the shipped default wording',
        description: 'Needs manage-letter-templates.',
        tags,
        security,
        params: TemplateParams,
        response: { 204: NoContent, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-letter-templates', inPath.school()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const reset = await resetSchoolTemplate(
        { db, clock },
        {
          schoolId: request.params.schoolId,
          kind: request.params.kind,
          actorUserId: getSignedIn(request).session.actor.userId,
        },
      );
      if (!reset.ok)
        return sendProblem(
          reply,
          createProblem(
            'not-found',
            'The school uses the default wording for this letter already.',
          ),
        );
      return reply.code(204).send();
    },
  );

  app.get(
    '/api/schools/:schoolId/letterhead',
    {
      schema: {
        summary: "The school's address and contact details for the head of its letters",
        description: 'Needs manage-follow-up.',
        tags,
        security,
        params: SchoolParams,
        response: { 200: LetterheadResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.school()),
    },
    async (request) => loadLetterhead(request.server.rollcall.db, request.params.schoolId),
  );

  app.put(
    '/api/schools/:schoolId/letterhead',
    {
      schema: {
        summary: "Change the school's letterhead details",
        description: 'Needs manage-school.',
        tags,
        security,
        params: SchoolParams,
        body: LetterheadBody,
        response: { 200: LetterheadResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-school', inPath.school()),
    },
    async (request) => {
      const { db, clock } = request.server.rollcall;
      const letterhead = { schoolId: request.params.schoolId, ...request.body };
      await updateLetterhead(
        { db, clock },
        { letterhead, actorUserId: getSignedIn(request).session.actor.userId },
      );
      return letterhead;
    },
  );

  app.post(
    '/api/pupils/:pupilId/letters/preview',
    {
      schema: {
        summary: 'A letter for a pupil as it would be sent, as a PDF; nothing is recorded',
        description: 'Needs manage-follow-up on the pupil.',
        tags,
        security,
        params: PupilParams,
        body: LetterPreviewRequest,
        response: { ...pdfResponse, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const signedIn = getSignedIn(request);
      const prepared = await prepareLetter(
        { db, clock },
        {
          pupilId: request.params.pupilId,
          schoolIds: await findPupilSchoolsAllowing(
            request,
            request.params.pupilId,
            'manage-follow-up',
          ),
          kind: request.body.kind,
          fields: request.body.fields,
          senderName: signedIn.session.user.displayName,
        },
      );
      if (!prepared.ok) return sendLetterProblem(reply, prepared.error);
      return sendPdf(reply, prepared.value.pdf, `${request.body.kind}-preview.pdf`);
    },
  );

  app.post(
    '/api/pupils/:pupilId/letters',
    {
      schema: {
        summary:
          'Send a letter: email it to the parents with the PDF attached, or record it as printed',
        description:
          'The letter and its PDF are kept against the pupil; emails go through the message ' +
          'outbox and are retried until delivered. Needs manage-follow-up on the pupil.',
        tags,
        security,
        params: PupilParams,
        body: LetterSendRequest,
        response: { 201: LetterSent, ...problemResponses(400, 401, 403, 404, 409, 422) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const signedIn = getSignedIn(request);
      const sent = await sendLetter(
        { db, clock },
        {
          pupilId: request.params.pupilId,
          schoolIds: await findPupilSchoolsAllowing(
            request,
            request.params.pupilId,
            'manage-follow-up',
          ),
          kind: request.body.kind,
          fields: request.body.fields,
          delivery: request.body.delivery,
          senderName: signedIn.session.user.displayName,
          senderUserId: signedIn.session.actor.userId,
        },
      );
      if (!sent.ok) return sendLetterProblem(reply, sent.error);
      return reply.code(201).send({
        letter: describeLetter(sent.value.letter),
        messages: sent.value.messages.map((message) => ({
          id: message.id,
          status: message.status,
        })),
      });
    },
  );

  app.get(
    '/api/pupils/:pupilId/letters',
    {
      schema: {
        summary: "A pupil's letters: who sent what, when and how, earliest first",
        description: 'Needs manage-follow-up on the pupil.',
        tags,
        security,
        params: PupilParams,
        response: { 200: LetterList, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', inPath.pupil()),
    },
    async (request) => {
      const letters = await listPupilLetters(request.server.rollcall.db, {
        pupilId: request.params.pupilId,
        schoolIds: await findPupilSchoolsAllowing(
          request,
          request.params.pupilId,
          'manage-follow-up',
        ),
      });
      return { letters: letters.map(describeLetter) };
    },
  );

  app.get(
    '/api/letters/:letterId/pdf',
    {
      schema: {
        summary: 'A sent letter exactly as it was sent',
        description: 'Needs manage-follow-up at the school that sent it.',
        tags,
        security,
        params: LetterParams,
        response: { ...pdfResponse, ...problemResponses(400, 401, 403, 404) },
      },
      preHandler: requireCapability('manage-follow-up', async (request) => {
        const letter = await findLetter(
          request.server.rollcall.db,
          readPathId(request, 'letterId'),
        );
        return letter === undefined ? undefined : { kind: 'school', schoolId: letter.schoolId };
      }),
    },
    async (request, reply) => {
      const pdf = await findLetterPdf(request.server.rollcall.db, request.params.letterId);
      if (pdf === undefined)
        return sendProblem(reply, createProblem('not-found', 'There is no letter with that id.'));
      return sendPdf(reply, pdf, `letter-${String(request.params.letterId)}.pdf`);
    },
  );

  app.get(
    '/api/pupils/:pupilId/evidence-bundle',
    {
      schema: {
        summary: 'One PDF of the evidence for a referral',
        description:
          'The attendance summary, letters, contact attempts, absence reports and audit entries ' +
          'in date order, and the registration certificate. Needs export-register on the pupil ' +
          '(attendance lead, head, admin); producing it is audit-logged.',
        tags,
        security,
        params: PupilParams,
        response: { ...pdfResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('export-register', inPath.pupil()),
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const signedIn = getSignedIn(request);
      const bundle = await buildEvidenceBundle(
        { db, clock },
        {
          pupilId: request.params.pupilId,
          schoolIds: await findPupilSchoolsAllowing(
            request,
            request.params.pupilId,
            'export-register',
          ),
          producedBy: {
            userId: signedIn.session.actor.userId,
            name: signedIn.session.user.displayName,
          },
        },
      );
      if (!bundle.ok) return sendLetterProblem(reply, bundle.error);
      await recordAuditEvent(db, {
        actorUserId: signedIn.session.actor.userId,
        action: 'evidence-bundle-produced',
        subjectPupilId: request.params.pupilId,
        details: { schoolId: bundle.value.schoolId },
        occurredAt: clock.now(),
      });
      return sendPdf(reply, bundle.value.pdf, `evidence-${String(request.params.pupilId)}.pdf`);
    },
  );
}
