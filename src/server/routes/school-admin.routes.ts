import { SchoolParams } from '../../contracts/common.contract.ts';
import {
  ManagedSchoolList,
  RegisterTimes,
  SchoolDetailsBody,
  SchoolPolicyBody,
  SchoolPolicyResponse,
  SchoolSettingsResponse,
} from '../../contracts/school-admin.contract.ts';
import { listCapabilities } from '../../domain/access/access-policy.ts';
import { changeSchoolPolicy, loadSchoolPolicy } from '../../services/school-policy.service.ts';
import {
  changeRegisterTimes,
  changeSchoolDetails,
  listManagedSchools,
  loadSchoolSettings,
  type SchoolSettings,
} from '../../services/school-settings.service.ts';
import type { RollcallApp } from '../app.ts';
import { getSignedIn, requireSignIn } from '../auth.hooks.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import {
  editorOf,
  manageSchool,
  needs,
  noSuchSchool,
  problems,
  security,
  sendInputProblems,
} from '../school-admin-parts.ts';
import { registerSchoolCalendarRoutes } from './school-calendar-admin.routes.ts';

function describeSettings(settings: SchoolSettings) {
  const { school, letterhead } = settings;
  return {
    id: school.id,
    name: school.name,
    urn: school.urn,
    jurisdiction: school.jurisdiction,
    phase: school.phase,
    registerTimes: school.registerTimes,
    letterhead,
  };
}

export function registerSchoolAdminRoutes(app: RollcallApp): void {
  registerSchoolSettingsRoutes(app);
  registerSchoolCalendarRoutes(app);
  registerPolicyRoutes(app);
}

function registerSchoolSettingsRoutes(app: RollcallApp): void {
  const tags = ['school administration'];
  app.get(
    '/api/admin/schools',
    {
      schema: {
        summary: 'The schools the signed-in administrator may set up',
        description: 'A school-level admin gets their school; a trust admin every school in it.',
        tags,
        security,
        response: { 200: ManagedSchoolList, ...problemResponses(401, 403) },
      },
      preHandler: requireSignIn,
    },
    async (request, reply) => {
      const { actor } = getSignedIn(request).session;
      if (!listCapabilities(actor.role).includes('manage-school'))
        return sendProblem(
          reply,
          createProblem('forbidden', `Your role (${actor.role}) does not set up schools.`),
        );
      const schools = await listManagedSchools(request.server.rollcall.db, actor);
      return { schools: schools.map((school) => ({ id: school.id, name: school.name })) };
    },
  );

  app.get(
    '/api/schools/:schoolId/settings',
    {
      schema: {
        summary: "The school's name, letterhead details and register times",
        description: needs.trim(),
        tags,
        security,
        params: SchoolParams,
        response: { 200: SchoolSettingsResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const settings = await loadSchoolSettings(
        request.server.rollcall.db,
        request.params.schoolId,
      );
      if (settings === undefined) return sendProblem(reply, noSuchSchool);
      return describeSettings(settings);
    },
  );

  app.put(
    '/api/schools/:schoolId/details',
    {
      schema: {
        summary: "Change the school's name and the address and contacts on its letters",
        description: `Written to the audit log with the values before and after.${needs}`,
        tags,
        security,
        params: SchoolParams,
        body: SchoolDetailsBody,
        response: { 200: SchoolSettingsResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await changeSchoolDetails(
        { db, clock },
        {
          ...editorOf(request, request.params.schoolId),
          name: request.body.name,
          letterhead: request.body.letterhead,
        },
      );
      if (!changed.ok) return sendProblem(reply, noSuchSchool);
      return describeSettings(changed.value);
    },
  );

  app.put(
    '/api/schools/:schoolId/register-times',
    {
      schema: {
        summary: 'Set when the morning and afternoon registers open and close',
        description:
          'These times decide L (arrived before the register closed) or U (after) at ' +
          'reception. Each register opens before it closes and stays open at most 30 minutes; ' +
          `the morning one closes before the afternoon one opens.${needs}`,
        tags,
        security,
        params: SchoolParams,
        body: RegisterTimes,
        response: { 200: RegisterTimes, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await changeRegisterTimes(
        { db, clock },
        { ...editorOf(request, request.params.schoolId), times: request.body },
      );
      if (changed.ok) return changed.value;
      if (changed.error.kind === 'school-not-found') return sendProblem(reply, noSuchSchool);
      return sendInputProblems(
        reply,
        'register-times-invalid',
        'The register times were not changed',
        changed.error.problems,
      );
    },
  );
}

function registerPolicyRoutes(app: RollcallApp): void {
  const tags = ['school policy'];
  app.get(
    '/api/schools/:schoolId/policy',
    {
      schema: {
        summary: "The school's attendance policy: the choice, its settings and the rules",
        description: `Lists the shipped presets (and the school's own policy file, if any) to choose from.${needs}`,
        tags,
        security,
        params: SchoolParams,
        response: { 200: SchoolPolicyResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const view = await loadSchoolPolicy(request.server.rollcall.db, request.params.schoolId);
      if (view === undefined) return sendProblem(reply, noSuchSchool);
      return view;
    },
  );

  app.put(
    '/api/schools/:schoolId/policy',
    {
      schema: {
        summary: "Choose the school's policy and change its settings",
        description:
          'The policy compiler checks the choice: an unknown preset or setting, or a value a ' +
          `rule cannot use, is refused (422) with the compiler's messages.${needs}`,
        tags,
        security,
        params: SchoolParams,
        body: SchoolPolicyBody,
        response: { 200: SchoolPolicyResponse, ...problems },
      },
      preHandler: manageSchool,
    },
    async (request, reply) => {
      const { db, clock } = request.server.rollcall;
      const changed = await changeSchoolPolicy(
        { db, clock },
        {
          ...editorOf(request, request.params.schoolId),
          policy: request.body.policy,
          settings: request.body.settings,
        },
      );
      if (changed.ok) return changed.value;
      if (changed.error.kind === 'school-not-found') return sendProblem(reply, noSuchSchool);
      return sendInputProblems(
        reply,
        'policy-invalid',
        'The policy was not changed',
        changed.error.problems,
      );
    },
  );
}
