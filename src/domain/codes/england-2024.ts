import type { AttendanceCode, CodeTable } from './code-table.ts';

const PRESENT = 'present at the school';
const ELSEWHERE = 'attending a place other than the school';
const LEAVE = 'absent with leave';
const OTHER_AUTHORISED = 'absent for another authorised reason';
const UNABLE = 'unable to attend because of exceptional circumstances';
const UNAUTHORISED = 'absent in other circumstances';
const ADMIN = 'administrative';

const codes: readonly AttendanceCode[] = [
  { code: '/', meaning: 'Present (morning)', category: 'present', group: PRESENT },
  { code: '\\', meaning: 'Present (afternoon)', category: 'present', group: PRESENT },
  {
    code: 'L',
    meaning: 'Late, arrived before the register closed',
    category: 'present',
    group: PRESENT,
  },
  {
    code: 'K',
    meaning: 'Attending education provision arranged by the local authority',
    category: 'approvedActivity',
    group: ELSEWHERE,
  },
  {
    code: 'V',
    meaning: 'Attending an educational visit or trip',
    category: 'approvedActivity',
    group: ELSEWHERE,
  },
  {
    code: 'P',
    meaning: 'Participating in a sporting activity',
    category: 'approvedActivity',
    group: ELSEWHERE,
  },
  {
    code: 'W',
    meaning: 'Attending work experience',
    category: 'approvedActivity',
    group: ELSEWHERE,
  },
  {
    code: 'B',
    meaning: 'Attending any other approved educational activity',
    category: 'approvedActivity',
    group: ELSEWHERE,
  },
  {
    code: 'D',
    meaning: 'Dual registered, attending the other school',
    category: 'notPossible',
    group: ELSEWHERE,
  },
  {
    code: 'C1',
    meaning: 'Leave for a regulated performance or regulated employment abroad',
    category: 'authorised',
    group: LEAVE,
  },
  {
    code: 'M',
    meaning: 'Leave for a medical or dental appointment',
    category: 'authorised',
    group: LEAVE,
  },
  { code: 'J1', meaning: 'Leave for an interview', category: 'authorised', group: LEAVE },
  { code: 'S', meaning: 'Study leave', category: 'authorised', group: LEAVE },
  {
    code: 'X',
    meaning: 'Not of compulsory school age and not required to attend',
    category: 'notPossible',
    group: LEAVE,
  },
  { code: 'C2', meaning: 'Leave for a part-time timetable', category: 'authorised', group: LEAVE },
  {
    code: 'C',
    meaning: 'Leave for exceptional circumstances',
    category: 'authorised',
    group: LEAVE,
  },
  {
    code: 'T',
    meaning: 'Parent travelling for occupational purposes',
    category: 'authorised',
    group: OTHER_AUTHORISED,
  },
  { code: 'R', meaning: 'Religious observance', category: 'authorised', group: OTHER_AUTHORISED },
  { code: 'I', meaning: 'Illness', category: 'authorised', group: OTHER_AUTHORISED },
  {
    code: 'E',
    meaning: 'Suspended or excluded, no alternative provision made',
    category: 'authorised',
    group: OTHER_AUTHORISED,
  },
  {
    code: 'Q',
    meaning: 'Unable to attend because of a lack of access arrangements',
    category: 'notPossible',
    group: UNABLE,
  },
  {
    code: 'Y1',
    meaning: 'Transport normally provided not available',
    category: 'notPossible',
    group: UNABLE,
  },
  {
    code: 'Y2',
    meaning: 'Widespread disruption to travel',
    category: 'notPossible',
    group: UNABLE,
  },
  {
    code: 'Y3',
    meaning: 'Part of the school premises closed',
    category: 'notPossible',
    group: UNABLE,
  },
  {
    code: 'Y4',
    meaning: 'Whole school site unexpectedly closed',
    category: 'notPossible',
    group: UNABLE,
  },
  { code: 'Y5', meaning: 'In criminal justice detention', category: 'notPossible', group: UNABLE },
  {
    code: 'Y6',
    meaning: 'In accordance with public health guidance or law',
    category: 'notPossible',
    group: UNABLE,
  },
  { code: 'Y7', meaning: 'Any other unavoidable cause', category: 'notPossible', group: UNABLE },
  {
    code: 'G',
    meaning: 'Holiday not granted by the school',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  {
    code: 'N',
    meaning: 'Reason for absence not yet established',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  {
    code: 'O',
    meaning: 'Absent in other or unknown circumstances',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  {
    code: 'U',
    meaning: 'Arrived after the register closed',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  {
    code: 'Z',
    meaning: 'Prospective pupil not on admission register',
    category: 'notPossible',
    group: ADMIN,
  },
  { code: '#', meaning: 'Planned whole-school closure', category: 'notPossible', group: ADMIN },
];

/** The School Attendance (Pupil Registration) (England) Regulations 2024, from 19 August 2024. */
export const england2024: CodeTable = {
  id: 'england-2024',
  title: 'England, School Attendance (Pupil Registration) Regulations 2024',
  jurisdiction: 'england',
  validFrom: '2024-08-19',
  validTo: null,
  codes,
};
