import { useState } from 'preact/hooks';
import type { LeaveRequestResponse } from '../../contracts/follow-up.contract.ts';
import { LeaveRequestForm } from '../followup/leave-request-form.tsx';
import { LeaveRequestSent } from '../followup/leave-request-sent.tsx';
import { formatPlainDate, isPlainDate, readLondonToday } from '../london-time.ts';
import { ClassSelect, PupilSelect, useClassRegister } from '../office/class-pupil-picker.tsx';
import { usePageTitle } from '../page-title.ts';
import type { AppLocation } from '../router.ts';
import { announce } from '../status-announcer.ts';

/** The office enters a leave request a parent made on paper or in person. */
export function OfficeLeaveRequestPage(props: { schoolId: number; location: AppLocation }) {
  usePageTitle('Enter a leave request');
  const requested = props.location.query.get('date');
  const date = isPlainDate(requested) ? requested : readLondonToday().date;
  const [classId, setClassId] = useState('');
  const [pupilId, setPupilId] = useState('');
  const [sent, setSent] = useState<{ request: LeaveRequestResponse; name: string } | null>(null);
  const register = useClassRegister(classId, date, 'AM');
  const rows = register.kind === 'loaded' ? register.value.pupils : [];
  const pupil = rows.find((row) => String(row.pupilId) === pupilId);

  return (
    <div class="narrow">
      <h1>Enter a leave request</h1>
      <p class="lead">
        For a parent who asked on paper or in person. The headteacher decides on the leave requests
        page; the parent sees the decision on their child’s page.
      </p>
      {sent !== null && <LeaveRequestSent request={sent.request} childName={sent.name} />}
      <section aria-labelledby="choose-pupil">
        <h2 id="choose-pupil">Choose the pupil</h2>
        <p class="hint">Classes as they are on {formatPlainDate(date)}.</p>
        <ClassSelect
          id="leave-class"
          schoolId={props.schoolId}
          date={date}
          session="AM"
          value={classId}
          onChange={(next) => {
            setClassId(next);
            setPupilId('');
          }}
        />
        <PupilSelect
          id="leave-pupil"
          classId={classId}
          register={register}
          value={pupilId}
          onChange={(next) => {
            setPupilId(next);
            setSent(null);
          }}
        />
      </section>
      {pupil !== undefined && (
        <section aria-labelledby="leave-details">
          <h2 id="leave-details">
            Leave for {pupil.firstName} {pupil.lastName}
          </h2>
          <LeaveRequestForm
            key={pupil.pupilId}
            pupilId={pupil.pupilId}
            childFirstName={pupil.firstName}
            firstDay={date}
            submitLabel="Enter the request"
            onCreated={(request) => {
              setSent({ request, name: `${pupil.firstName} ${pupil.lastName}` });
              setPupilId('');
              announce(`Leave request entered for ${pupil.firstName} ${pupil.lastName}.`);
            }}
          />
        </section>
      )}
    </div>
  );
}
