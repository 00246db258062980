import type { AttendanceCode, CodeTable } from './code-table.ts';

const PRESENT = 'present';
const AEA = 'approved educational activity';
const AUTHORISED = 'authorised absence';
const UNAUTHORISED = 'unauthorised absence';
const NOT_REQUIRED = 'attendance not required';

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
    code: 'B',
    meaning: 'Educated off site (not dual registration)',
    category: 'approvedActivity',
    group: AEA,
  },
  {
    code: 'D',
    meaning: 'Dual registered, at another establishment',
    category: 'notPossible',
    group: AEA,
  },
  { code: 'J', meaning: 'At an interview', category: 'approvedActivity', group: AEA },
  { code: 'P', meaning: 'Approved sporting activity', category: 'approvedActivity', group: AEA },
  { code: 'V', meaning: 'Educational visit or trip', category: 'approvedActivity', group: AEA },
  { code: 'W', meaning: 'Work experience', category: 'approvedActivity', group: AEA },
  {
    code: 'C',
    meaning: 'Other authorised circumstances',
    category: 'authorised',
    group: AUTHORISED,
  },
  {
    code: 'E',
    meaning: 'Excluded, no alternative provision made',
    category: 'authorised',
    group: AUTHORISED,
  },
  {
    code: 'F',
    meaning: 'Agreed extended family holiday',
    category: 'authorised',
    group: AUTHORISED,
  },
  { code: 'H', meaning: 'Agreed family holiday', category: 'authorised', group: AUTHORISED },
  { code: 'I', meaning: 'Illness', category: 'authorised', group: AUTHORISED },
  {
    code: 'M',
    meaning: 'Medical or dental appointment',
    category: 'authorised',
    group: AUTHORISED,
  },
  { code: 'R', meaning: 'Religious observance', category: 'authorised', group: AUTHORISED },
  { code: 'S', meaning: 'Study leave', category: 'authorised', group: AUTHORISED },
  { code: 'T', meaning: 'Traveller absence', category: 'authorised', group: AUTHORISED },
  {
    code: 'G',
    meaning: 'Holiday not agreed, or days beyond those agreed',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  { code: 'N', meaning: 'No reason yet provided', category: 'unauthorised', group: UNAUTHORISED },
  {
    code: 'O',
    meaning: 'Unauthorised absence not covered by another code',
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
    code: 'X',
    meaning: 'Not of compulsory school age, absent',
    category: 'notPossible',
    group: NOT_REQUIRED,
  },
  {
    code: 'Y',
    meaning: 'Unable to attend due to exceptional circumstances',
    category: 'notPossible',
    group: NOT_REQUIRED,
  },
  { code: 'Z', meaning: 'Pupil not yet on roll', category: 'notPossible', group: NOT_REQUIRED },
  { code: '#', meaning: 'School closed to pupils', category: 'notPossible', group: NOT_REQUIRED },
];

/** The Education (Pupil Registration) (England) Regulations 2006 as amended, before 19 August 2024. */
export const england2006: CodeTable = {
  id: 'england-2006',
  title: 'England, Education (Pupil Registration) Regulations 2006 as amended',
  jurisdiction: 'england',
  validFrom: null,
  validTo: '2024-08-18',
  codes,
};
