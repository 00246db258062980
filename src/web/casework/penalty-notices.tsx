import { useState } from 'preact/hooks';
import type { ContactSummary } from '../../contracts/common.contract.ts';
import type { PenaltyNoticeResponse } from '../../contracts/follow-up.contract.ts';
import type {
  PenaltyNoticeList,
  PenaltyNoticeRecord,
} from '../../contracts/penalty-notice.contract.ts';
import { ApiProblem, callApi } from '../api-client.ts';
import { ProblemAlert, describeError } from '../components/problem-alert.tsx';
import { Loading } from '../components/resource-failure.tsx';
import { useSubmission } from '../components/use-submission.ts';
import { useKeptResource } from './use-kept-resource.ts';
import { describeAlternative, formatDay, formatPounds } from './casework-words.ts';
import { NoticeOutcomeForm } from './notice-outcome-form.tsx';

/** The server's refusal of a notice the law does not allow, with what to consider instead. */
interface Refusal {
  readonly detail: string;
  readonly alternatives: readonly string[];
  readonly allowedAgainOn: string | null;
}

function readRefusal(failure: unknown): Refusal | null {
  if (!(failure instanceof ApiProblem)) return null;
  const { alternatives, allowedAgainOn } = failure.problem;
  if (!Array.isArray(alternatives)) return null;
  return {
    detail: failure.problem.detail,
    alternatives: alternatives.map((action) => String(action)),
    allowedAgainOn: typeof allowedAgainOn === 'string' ? allowedAgainOn : null,
  };
}

/** What became of a notice: paid (how much, when), withdrawn (when, why) or still to pay. */
function NoticeStatus(props: { notice: PenaltyNoticeRecord }) {
  const { notice } = props;
  switch (notice.status) {
    case 'paid':
      return (
        <p class="notice-status">
          <span class="tag tag-paid">Paid</span>{' '}
          {notice.paidAmountPence === null ? '' : `${formatPounds(notice.paidAmountPence)} `}
          {notice.paidOn === null ? '' : `on ${formatDay(notice.paidOn)}`}
        </p>
      );
    case 'withdrawn':
      return (
        <p class="notice-status">
          <span class="tag tag-withdrawn">Withdrawn</span>{' '}
          {notice.withdrawnOn === null ? '' : `on ${formatDay(notice.withdrawnOn)}`}
          {notice.withdrawalReason !== null && `: ${notice.withdrawalReason}`}
          {!notice.countsTowardsLimit && (
            <span class="notice-limit">Does not count towards the limit of two in 3 years.</span>
          )}
        </p>
      );
    case 'issued':
      return <p class="notice-status">Not yet paid</p>;
  }
}

/** Penalty notices per parent with parental responsibility, and the form to issue one. */
export function PenaltyNotices(props: {
  pupilId: number;
  schoolId: number;
  contacts: readonly ContactSummary[];
  caseId: number | null;
  today: string;
  onChanged: () => void;
}) {
  const [reloads, setReloads] = useState(0);
  const notices = useKeptResource<PenaltyNoticeList>(
    `/api/pupils/${String(props.pupilId)}/penalty-notices`,
    reloads,
  );
  const parents = props.contacts.filter((contact) => contact.parentalResponsibility);
  if (notices.kind === 'loading') return <Loading what="penalty notices" />;
  if (notices.kind === 'failed')
    return <ProblemAlert error={describeError(notices.error)} title="Notices not loaded" />;
  if (parents.length === 0)
    return <p>No contact has parental responsibility, so no notice can be issued.</p>;
  return (
    <>
      {parents.map((parent) => {
        const own = notices.value.notices.filter((notice) => notice.contactId === parent.id);
        const headingId = `notices-${String(parent.id)}`;
        return (
          <section key={parent.id} class="parent-notices" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {parent.name} ({parent.relationship})
            </h3>
            {own.length === 0 ? (
              <p>No penalty notices.</p>
            ) : (
              <table class="data-table">
                <caption class="visually-hidden">Penalty notices to {parent.name}</caption>
                <thead>
                  <tr>
                    <th scope="col">Notice</th>
                    <th scope="col">Issued</th>
                    <th scope="col">To pay</th>
                    <th scope="col">Status</th>
                  </tr>
                </thead>
                <tbody>
                  {own.map((notice) => (
                    <tr key={notice.id}>
                      <th scope="row">{notice.ordinal === 1 ? 'First' : 'Second'}</th>
                      <td>{formatDay(notice.issuedOn)}</td>
                      <td>
                        {notice.reduced !== null &&
                          `${formatPounds(notice.reduced.amountPence)} by ${formatDay(notice.reduced.dueOn)}, or `}
                        {formatPounds(notice.amountPence)} by {formatDay(notice.dueOn)}
                      </td>
                      <td>
                        <NoticeStatus notice={notice} />
                        {notice.status === 'issued' && (
                          <NoticeOutcomeForm
                            notice={notice}
                            today={props.today}
                            onRecorded={() => {
                              setReloads((count) => count + 1);
                              props.onChanged();
                            }}
                          />
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </section>
        );
      })}
      {/* Keyed by the list: a refusal shown before a notice was withdrawn may no longer hold. */}
      <IssueNoticeForm
        key={reloads}
        {...props}
        parents={parents}
        onChanged={() => {
          setReloads((count) => count + 1);
          props.onChanged();
        }}
      />
    </>
  );
}

function IssueNoticeForm(props: {
  pupilId: number;
  schoolId: number;
  parents: readonly ContactSummary[];
  caseId: number | null;
  today: string;
  onChanged: () => void;
}) {
  const [contactId, setContactId] = useState(String(props.parents[0]?.id ?? ''));
  const [issuedOn, setIssuedOn] = useState(props.today);
  const [receivedOn, setReceivedOn] = useState('');
  const [refusal, setRefusal] = useState<Refusal | null>(null);
  const submission = useSubmission();

  const handleSubmit = async (event: SubmitEvent): Promise<void> => {
    event.preventDefault();
    setRefusal(null);
    const issued = await submission.submit(
      () =>
        callApi<PenaltyNoticeResponse>(
          'POST',
          `/api/pupils/${String(props.pupilId)}/penalty-notices`,
          {
            body: {
              schoolId: props.schoolId,
              contactId: Number(contactId),
              issuedOn,
              ...(receivedOn === '' ? {} : { receivedOn }),
              ...(props.caseId === null ? {} : { caseId: props.caseId }),
            },
          },
        ),
      (notice) =>
        `Notice issued: ${formatPounds(notice.amountPence)} due by ${formatDay(notice.dueOn)}.`,
      {
        // A notice the law does not allow is shown with its alternatives, not as an error.
        onFailure: (failure) => {
          const refused = readRefusal(failure);
          setRefusal(refused);
          return refused === null ? describeError(failure) : null;
        },
      },
    );
    if (issued !== null) props.onChanged();
  };

  return (
    <form class="case-form" noValidate onSubmit={(event) => void handleSubmit(event)}>
      <h3>Issue a penalty notice</h3>
      <p class="hint">
        In England a first notice is £80 if paid within 21 days, £160 within 28; a second is £160
        within 28. No parent may have a third within 3 years of the first.
      </p>
      <ProblemAlert error={submission.error} title="The notice was not issued" />
      {refusal !== null && (
        <div class="alert alert-error refusal" role="alert">
          <p class="alert-title">No further notice can be issued</p>
          <p>{refusal.detail}</p>
          {refusal.allowedAgainOn !== null && (
            <p>A notice would be possible again from {formatDay(refusal.allowedAgainOn)}.</p>
          )}
          <p>Instead, consider:</p>
          <ul>
            {refusal.alternatives.map((action) => (
              <li key={action}>{describeAlternative(action)}</li>
            ))}
          </ul>
        </div>
      )}
      <div class="field">
        <label for="notice-parent">Parent</label>
        <select
          id="notice-parent"
          value={contactId}
          onChange={(event) => {
            setContactId(event.currentTarget.value);
          }}
        >
          {props.parents.map((parent) => (
            <option key={parent.id} value={String(parent.id)}>
              {parent.name} ({parent.relationship})
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="notice-issued">Issued on</label>
        <input
          type="date"
          id="notice-issued"
          value={issuedOn}
          onInput={(event) => {
            setIssuedOn(event.currentTarget.value);
          }}
        />
      </div>
      <div class="field">
        <label for="notice-received">Received on (optional)</label>
        <p class="hint" id="notice-received-hint">
          Payment periods count from the day the parent receives it; the day issued if left blank.
        </p>
        <input
          type="date"
          id="notice-received"
          aria-describedby="notice-received-hint"
          value={receivedOn}
          onInput={(event) => {
            setReceivedOn(event.currentTarget.value);
          }}
        />
      </div>
      <button type="submit" class="button button-primary" disabled={submission.busy}>
        {submission.busy ? 'Issuing…' : 'Issue notice'}
      </button>
    </form>
  );
}
