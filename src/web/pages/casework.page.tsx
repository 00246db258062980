import { useState } from 'preact/hooks';
import type { CaseLadderList, LetterTemplateList } from '../../contracts/casework.contract.ts';
import type { CaseResponse } from '../../contracts/follow-up.contract.ts';
import type { PupilProfileResponse } from '../../contracts/pupil.contract.ts';
import { CaseEventForm } from '../casework/case-event-form.tsx';
import { CaseStage } from '../casework/case-stage.tsx';
import { CaseTimeline } from '../casework/case-timeline.tsx';
import { describeRung, formatDay } from '../casework/casework-words.ts';
import { LettersPanel } from '../casework/letters-panel.tsx';
import { OpenCaseForm } from '../casework/open-case-form.tsx';
import { PenaltyNotices } from '../casework/penalty-notices.tsx';
import { Link } from '../components/link.tsx';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading, ResourceFailure } from '../components/resource-failure.tsx';
import { usePageTitle } from '../page-title.ts';
import type { Session } from '../session.ts';
import { useApiResource } from '../use-api-resource.ts';
import { useKeptResource } from '../casework/use-kept-resource.ts';
import '../casework/casework.css';

type CaseList = { cases: CaseResponse[] };

/**
 * One pupil's casework: the case on the school's escalation ladder and its evidence, penalty
 * notices per parent, and letters. The server decides who may see it; a refusal is shown.
 */
export function CaseworkPage(props: { pupilId: number; session: Session }) {
  const base = `/api/pupils/${String(props.pupilId)}`;
  const [reloads, setReloads] = useState(0);
  // The cases first: they need manage-follow-up, so their refusal is the page's answer.
  const cases = useKeptResource<CaseList>(`${base}/cases`, reloads);
  const profile = useApiResource<PupilProfileResponse>(cases.kind === 'loaded' ? base : null);
  const name =
    profile.kind === 'loaded'
      ? `${profile.value.preferredFirstName ?? profile.value.legalFirstName} ${
          profile.value.preferredLastName ?? profile.value.legalLastName
        }`
      : 'Pupil';
  usePageTitle(`Casework: ${name}`);
  if (cases.kind === 'failed') return <ResourceFailure error={cases.error} heading="Casework" />;
  if (profile.kind === 'failed')
    return <ResourceFailure error={profile.error} heading="Casework" />;
  if (cases.kind === 'loading' || profile.kind === 'loading')
    return <Loading what="the pupil’s casework" />;
  return (
    <CaseworkBody
      pupilId={props.pupilId}
      name={name}
      profile={profile.value}
      cases={cases.value.cases}
      session={props.session}
      onChanged={() => {
        setReloads((count) => count + 1);
      }}
    />
  );
}

function CaseworkBody(props: {
  pupilId: number;
  name: string;
  profile: PupilProfileResponse;
  cases: readonly CaseResponse[];
  session: Session;
  onChanged: () => void;
}) {
  const { profile, name } = props;
  const schoolId = profile.school.id;
  const ladders = useApiResource<CaseLadderList>(`/api/schools/${String(schoolId)}/case-ladders`);
  const templates = useApiResource<LetterTemplateList>(
    `/api/schools/${String(schoolId)}/letter-templates`,
  );
  const atSchool = props.cases.filter((found) => found.schoolId === schoolId);
  const openCase = atSchool.find((found) => found.closedAt === null) ?? null;
  const closedCases = atSchool.filter((found) => found.closedAt !== null).reverse();
  const ruleTitle = (rule: string) =>
    profile.policy.rules.find((candidate) => candidate.id === rule)?.title ?? rule;
  const ladderOf = (id: string) =>
    ladders.kind === 'loaded'
      ? ladders.value.ladders.find((ladder) => ladder.id === id)
      : undefined;

  return (
    <div class="casework">
      <p class="breadcrumb">
        <Link href="/">Home</Link> › <Link href={`/pupils/${String(props.pupilId)}`}>{name}</Link> ›
        Casework
      </p>
      <h1>Casework: {name}</h1>
      <p class="lead">
        {profile.className ?? 'No class'} · {profile.school.name} · UPN {profile.upn}
      </p>

      <section aria-labelledby="case-heading">
        <h2 id="case-heading">Attendance case</h2>
        {ladders.kind === 'loading' && <Loading what="the escalation ladders" />}
        {ladders.kind === 'failed' && (
          <ProblemAlert error={describeError(ladders.error)} title="Ladders not loaded" />
        )}
        {ladders.kind === 'loaded' &&
          (openCase === null ? (
            <>
              <p>
                {name} has no open case at {profile.school.name}.
              </p>
              <OpenCaseForm
                pupilId={props.pupilId}
                schoolId={schoolId}
                ladders={ladders.value}
                onOpened={props.onChanged}
              />
            </>
          ) : (
            <>
              <p>
                Open since {formatDay(openCase.openedAt.slice(0, 10))}, at{' '}
                {describeRung(openCase.ladder)} {openCase.stage}.
              </p>
              <CaseStage
                openCase={openCase}
                ladder={ladderOf(openCase.ladder)}
                asOf={profile.asOf}
                ruleTitle={ruleTitle}
                onChanged={props.onChanged}
              />
              <CaseEventForm
                caseId={openCase.id}
                today={profile.asOf}
                onRecorded={props.onChanged}
              />
              <CaseTimeline events={openCase.events} caption="The case so far, oldest first" />
            </>
          ))}
        {closedCases.map((closed) => (
          <details key={closed.id} class="closed-case">
            <summary>
              Closed case, opened {formatDay(closed.openedAt.slice(0, 10))}, closed{' '}
              {formatDay((closed.closedAt ?? closed.openedAt).slice(0, 10))}
            </summary>
            <CaseTimeline
              events={closed.events}
              caption={`Closed case ${String(closed.id)}, oldest first`}
            />
          </details>
        ))}
      </section>

      <section aria-labelledby="notices-heading">
        <h2 id="notices-heading">Penalty notices</h2>
        <PenaltyNotices
          pupilId={props.pupilId}
          schoolId={schoolId}
          contacts={profile.contacts}
          caseId={openCase?.id ?? null}
          today={profile.asOf}
          onChanged={props.onChanged}
        />
      </section>

      <section aria-labelledby="letters-heading">
        <h2 id="letters-heading">Letters</h2>
        {templates.kind === 'loading' && <Loading what="the letters" />}
        {templates.kind === 'failed' && (
          <ProblemAlert error={describeError(templates.error)} title="Letters not loaded" />
        )}
        {templates.kind === 'loaded' && (
          <LettersPanel
            pupilId={props.pupilId}
            schoolId={schoolId}
            templates={templates.value}
            csrfToken={props.session.csrfToken}
            canExportEvidence={props.session.capabilities.includes('export-register')}
          />
        )}
      </section>
    </div>
  );
}
