import { AsOfQuery, PupilParams } from '../../contracts/common.contract.ts';
import { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { loadPupilProfile } from '../../services/pupil-profile.service.ts';
import type { RollcallApp } from '../app.ts';
import { inPath, requireCapability } from '../auth.hooks.ts';
import { findPupilSchoolsAllowing } from '../follow-up-access.ts';
import { createProblem, problemResponses, sendProblem } from '../problem.ts';
import { describeSetupProblem, findToday } from '../service-problems.ts';
import { describeContact } from '../contact-view.ts';

export function registerPupilRoutes(app: RollcallApp): void {
  app.get(
    '/api/pupils/:pupilId',
    {
      schema: {
        summary: "A pupil's page: names, class, year-to-date rates, alerts, marks and contacts",
        description:
          'Figures come from the policy engine on the stored register, as of today unless asOf ' +
          "is given. Needs view-pupil: a teacher's own classes, a parent's own children.",
        tags: ['pupils'],
        security: [{ session: [] }],
        params: PupilParams,
        querystring: AsOfQuery,
        response: { 200: PupilProfileResponse, ...problemResponses(400, 401, 403, 404, 409) },
      },
      preHandler: requireCapability('view-pupil', inPath.pupil()),
    },
    async (request, reply) => {
      const { db } = request.server.rollcall;
      const { pupilId } = request.params;
      const visibleSchoolIds = await findPupilSchoolsAllowing(request, pupilId, 'view-pupil');
      const loaded = await loadPupilProfile(db, {
        pupilId,
        visibleSchoolIds,
        asOf: request.query.asOf ?? findToday(request),
      });
      if (!loaded.ok) {
        if (loaded.error.kind === 'pupil-not-found')
          return sendProblem(reply, createProblem('not-found', 'There is no pupil with that id.'));
        return sendProblem(reply, describeSetupProblem(loaded.error));
      }
      const profile = loaded.value;
      const { pupil, evaluation } = profile;
      return {
        pupilId: pupil.id,
        upn: pupil.upn,
        legalFirstName: pupil.legalFirstName,
        legalLastName: pupil.legalLastName,
        preferredFirstName: pupil.preferredFirstName,
        preferredLastName: pupil.preferredLastName,
        dateOfBirth: pupil.dateOfBirth,
        school: profile.school,
        yearGroup: profile.yearGroup,
        className: profile.className,
        asOf: profile.asOf,
        period: profile.period,
        sessions: evaluation.sessions,
        attendanceRate: evaluation.attendanceRate,
        absenceRate: evaluation.absenceRate,
        persistentAbsence: evaluation.persistentAbsence,
        severeAbsence: evaluation.severeAbsence,
        alerts: [...evaluation.alerts],
        days: profile.days,
        contacts: profile.contacts.map(describeContact),
        markIds: profile.markIds,
        categories: profile.categories,
        codeMeanings: profile.codeMeanings,
        rates: profile.rates,
        policy: { target: profile.policy.target, rules: profile.policy.rules },
      };
    },
  );
}
