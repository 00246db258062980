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
  // Listed by Welsh schools under approved educational activity; see reference/codes-wales.md note D.
  {
    code: 'D',
    meaning: 'Dual registered, attending the other establishment',
    category: 'approvedActivity',
    group: AEA,
  },
  { code: 'J', meaning: 'Interview', category: 'approvedActivity', group: AEA },
  { code: 'P', meaning: 'Approved sporting activity', category: 'approvedActivity', group: AEA },
  { code: 'V', meaning: 'Educational visit or trip', category: 'approvedActivity', group: AEA },
  { code: 'W', meaning: 'Work experience', category: 'approvedActivity', group: AEA },
  {
    code: 'C',
    meaning: 'Other authorised circumstance',
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
    meaning: 'Extended family holiday (agreed)',
    category: 'authorised',
    group: AUTHORISED,
  },
  { code: 'H', meaning: 'Family holiday (agreed)', category: 'authorised', group: AUTHORISED },
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
    meaning: 'Family holiday not agreed, or days beyond those agreed',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  { code: 'N', meaning: 'No reason yet provided', category: 'unauthorised', group: UNAUTHORISED },
  { code: 'O', meaning: 'Unauthorised absence', category: 'unauthorised', group: UNAUTHORISED },
  {
    code: 'U',
    meaning: 'Late, arrived after the register closed',
    category: 'unauthorised',
    group: UNAUTHORISED,
  },
  {
    code: 'X',
    meaning: 'Non-compulsory school age absence',
    category: 'notPossible',
    group: NOT_REQUIRED,
  },
  {
    code: 'Y',
    meaning: 'Partial or enforced closure',
    category: 'notPossible',
    group: NOT_REQUIRED,
  },
  { code: 'Z', meaning: 'Pupil not yet on roll', category: 'notPossible', group: NOT_REQUIRED },
  {
    code: '#',
    meaning: 'School closed to all pupils',
    category: 'notPossible',
    group: NOT_REQUIRED,
  },
];

/** Welsh Government guidance on school attendance codes (2010), still in force. */
export const wales2010: CodeTable = {
  id: 'wales-2010',
  title: 'Wales, School Attendance Codes 2010',
  jurisdiction: 'wales',
  validFrom: null,
  validTo: null,
  codes,
};
