import { addDays, dayNumberFromParts, type IsoDate } from '../domain/calendar/plain-date.ts';

/**
 * Synthetic pupils for a demo school: names drawn from the most common given names and
 * surnames in England and Wales (ONS), dates of birth that fit each year group, and cohort
 * flags near national rates (DfE 2023/24: free school meals 24.6%, SEN support or EHC plan
 * 13.6% and 4.8%, English as an additional language 21.4%). Pure and seeded.
 */

const GIRLS = [
  'Olivia',
  'Amelia',
  'Isla',
  'Ava',
  'Ivy',
  'Freya',
  'Lily',
  'Florence',
  'Mia',
  'Willow',
  'Rosie',
  'Sophia',
  'Isabella',
  'Grace',
  'Daisy',
  'Sienna',
  'Poppy',
  'Elsie',
  'Emily',
  'Ella',
  'Evelyn',
  'Phoebe',
  'Sofia',
  'Evie',
  'Charlotte',
  'Harper',
  'Millie',
  'Matilda',
  'Maya',
  'Sophie',
  'Alice',
  'Emilia',
  'Isabelle',
  'Ruby',
  'Aisha',
  'Maryam',
  'Zara',
  'Hannah',
  'Chloe',
  'Jessica',
  'Priya',
  'Amira',
  'Layla',
  'Nia',
  'Zofia',
  'Erin',
  'Megan',
  'Eliza',
] as const;

const BOYS = [
  'Muhammad',
  'Noah',
  'Oliver',
  'George',
  'Leo',
  'Arthur',
  'Oscar',
  'Theodore',
  'Freddie',
  'Theo',
  'Archie',
  'Harry',
  'Henry',
  'Jack',
  'Alfie',
  'Charlie',
  'Finley',
  'Jacob',
  'Thomas',
  'Lucas',
  'Isaac',
  'William',
  'Joshua',
  'James',
  'Ethan',
  'Max',
  'Samuel',
  'Reuben',
  'Logan',
  'Mason',
  'Ibrahim',
  'Yusuf',
  'Adam',
  'Daniel',
  'Dylan',
  'Rhys',
  'Kai',
  'Arjun',
  'Jayden',
  'Ryan',
  'Callum',
  'Liam',
  'Kacper',
  'Tomasz',
  'Elijah',
  'Harrison',
  'Joseph',
  'Owen',
] as const;

const ADULT_WOMEN = [
  'Sarah',
  'Emma',
  'Laura',
  'Rachel',
  'Hannah',
  'Claire',
  'Gemma',
  'Nicola',
  'Kirsty',
  'Amy',
  'Lucy',
  'Charlotte',
  'Jennifer',
  'Fatima',
  'Ayesha',
  'Natalia',
  'Joanne',
  'Kerry',
  'Sian',
  'Helen',
  'Victoria',
  'Samantha',
  'Rebecca',
  'Louise',
  'Priya',
  'Shabnam',
  'Grace',
  'Zoe',
] as const;

const ADULT_MEN = [
  'David',
  'Michael',
  'Daniel',
  'James',
  'Christopher',
  'Mark',
  'Paul',
  'Andrew',
  'Richard',
  'Matthew',
  'Stephen',
  'Craig',
  'Lee',
  'Gareth',
  'Imran',
  'Mohammed',
  'Piotr',
  'Tom',
  'Ben',
  'Adam',
  'Jason',
  'Darren',
  'Wayne',
  'Simon',
  'Rajesh',
  'Kwame',
  'Neil',
  'Robert',
] as const;

const SURNAMES = [
  'Smith',
  'Jones',
  'Williams',
  'Taylor',
  'Brown',
  'Davies',
  'Evans',
  'Wilson',
  'Thomas',
  'Johnson',
  'Roberts',
  'Robinson',
  'Thompson',
  'Wright',
  'Walker',
  'White',
  'Edwards',
  'Hughes',
  'Green',
  'Hall',
  'Lewis',
  'Harris',
  'Clarke',
  'Patel',
  'Jackson',
  'Wood',
  'Turner',
  'Martin',
  'Cooper',
  'Hill',
  'Ward',
  'Morris',
  'Moore',
  'Clark',
  'Lee',
  'King',
  'Baker',
  'Harrison',
  'Morgan',
  'Allen',
  'James',
  'Scott',
  'Phillips',
  'Watson',
  'Davis',
  'Parker',
  'Price',
  'Bennett',
  'Young',
  'Griffiths',
  'Mitchell',
  'Kelly',
  'Cook',
  'Carter',
  'Richardson',
  'Bailey',
  'Collins',
  'Bell',
  'Shaw',
  'Murphy',
  'Miller',
  'Cox',
  'Richards',
  'Khan',
  'Marshall',
  'Anderson',
  'Simpson',
  'Ellis',
  'Adams',
  'Singh',
  'Begum',
  'Wilkinson',
  'Foster',
  'Chapman',
  'Powell',
  'Webb',
  'Rogers',
  'Gray',
  'Mason',
  'Ali',
  'Hussain',
  'Campbell',
  'Matthews',
  'Owen',
  'Palmer',
  'Holmes',
  'Mills',
  'Barnes',
  'Knight',
  'Lloyd',
  'Butler',
  'Russell',
  'Barker',
  'Fisher',
  'Stevens',
  'Jenkins',
  'Murray',
  'Dixon',
  'Harvey',
  'Kowalski',
  'Nowak',
  'Okafor',
  'Mensah',
  'Ahmed',
  'Chowdhury',
  'Sharma',
  'Nguyen',
  'Silva',
  'Rahman',
  'Osei',
] as const;

// DfE ethnicity main codes, weighted roughly as in the school population.
const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['WBRI', 0.6],
  ['WOTH', 0.07],
  ['AIND', 0.04],
  ['APKN', 0.05],
  ['ABAN', 0.02],
  ['BAFR', 0.05],
  ['BCRB', 0.01],
  ['MWBC', 0.02],
  ['MWBA', 0.01],
  ['MWAS', 0.02],
  ['MOTH', 0.02],
  ['CHNE', 0.01],
  ['AOTH', 0.02],
  ['OOTH', 0.02],
  ['REFU', 0.04],
];

export type SenStatus = 'N' | 'K' | 'E';
export type Sex = 'M' | 'F';

/** A parent or carer, in the order the school should call them. */
export interface SyntheticContact {
  readonly name: string;
  readonly relationship: string;
  readonly parentalResponsibility: boolean;
  readonly phone: string;
  readonly email: string;
  readonly priority: number;
}

export interface SyntheticPupil {
  readonly firstName: string;
  readonly lastName: string;
  readonly sex: Sex;
  readonly dateOfBirth: IsoDate;
  /** National curriculum year: 'R' or '1'...'11'. */
  readonly year: string;
  readonly className: string;
  readonly ethnicity: string;
  readonly senStatus: SenStatus;
  readonly freeSchoolMeals: boolean;
  readonly pupilPremium: boolean;
  readonly englishAdditionalLanguage: boolean;
  readonly lookedAfter: boolean;
  readonly childInNeed: boolean;
  readonly youngCarer: boolean;
  readonly contacts: readonly SyntheticContact[];
}

/** A class of a year group, e.g. Year 3 "3 Rowan" or Year 8 "8K". */
export interface SyntheticClass {
  readonly year: string;
  readonly name: string;
}

export interface PupilCohortRequest {
  /** National curriculum years in order, e.g. ['R', '1', ... '6']. */
  readonly years: readonly string[];
  /** Classes per year group; pupils fill them evenly. */
  readonly classesPerYear: number;
  readonly pupilsPerClass: number;
  /** Year in which the academic year starts (2025 for 2025/26). */
  readonly academicYear: number;
  /** Class names: for a year and the class's position within it. */
  readonly nameClass: (year: string, index: number) => string;
}

function pickFrom<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)] as T;
}

function pickWeighted(random: () => number, weighted: readonly (readonly [string, number])[]) {
  const total = weighted.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random() * total;
  for (const [value, weight] of weighted) {
    if ((roll -= weight) < 0) return value;
  }
  return weighted[0]?.[0] ?? '';
}

/** Age on 31 August at the start of the year: Reception children are 4, Year n are n + 4. */
function ageAtStartOfYear(year: string): number {
  return year === 'R' ? 4 : Number(year) + 4;
}

/**
 * A date of birth for a pupil in a national curriculum year: the pupil turned
 * `ageAtStartOfYear` between 1 September of the year before and 31 August.
 */
export function drawDateOfBirth(random: () => number, year: string, academicYear: number): IsoDate {
  const bornFrom = `${academicYear - ageAtStartOfYear(year) - 1}-09-01`;
  const from = dayNumberFromParts(academicYear - ageAtStartOfYear(year) - 1, 9, 1);
  const to = dayNumberFromParts(academicYear - ageAtStartOfYear(year), 8, 31);
  return addDays(bornFrom, Math.floor(random() * (to - from + 1)));
}

/** A UK mobile number from Ofcom's range reserved for drama, so it never rings anyone. */
function drawPhone(random: () => number): string {
  return `07700 900${String(Math.floor(random() * 1000)).padStart(3, '0')}`;
}

function emailOf(first: string, last: string, n: number): string {
  return `${first}.${last}${n}@example.org`.toLowerCase().replace(/[^a-z0-9.@]/g, '');
}

function drawContacts(
  random: () => number,
  pupilLastName: string,
  serial: number,
): SyntheticContact[] {
  const mother = pickFrom(random, ADULT_WOMEN);
  const father = pickFrom(random, ADULT_MEN);
  // About a quarter of children live mainly with one parent; the other parent keeps parental
  // responsibility, and a grandparent is the usual second call.
  const separated = random() < 0.25;
  const otherSurname = separated && random() < 0.6 ? pickFrom(random, SURNAMES) : pupilLastName;
  const motherFirst = random() < 0.85;
  const mum = {
    name: `${mother} ${pupilLastName}`,
    relationship: 'Mother',
    parentalResponsibility: true,
    phone: drawPhone(random),
    email: emailOf(mother, pupilLastName, serial),
  };
  const dad = {
    name: `${father} ${separated ? otherSurname : pupilLastName}`,
    relationship: 'Father',
    parentalResponsibility: true,
    phone: drawPhone(random),
    email: emailOf(father, separated ? otherSurname : pupilLastName, serial),
  };
  const parents = motherFirst ? [mum, dad] : [dad, mum];
  const grandparent = {
    name: `${pickFrom(random, random() < 0.5 ? ADULT_WOMEN : ADULT_MEN)} ${pickFrom(random, SURNAMES)}`,
    relationship: 'Grandparent',
    parentalResponsibility: false,
    phone: drawPhone(random),
    email: emailOf('grandparent', pupilLastName, serial),
  };
  const contacts = random() < 0.6 ? [...parents, grandparent] : parents;
  return contacts.map((contact, index) => ({ ...contact, priority: index + 1 }));
}

/** The classes of a cohort, in year then class order. */
export function planClasses(request: PupilCohortRequest): SyntheticClass[] {
  return request.years.flatMap((year) =>
    Array.from({ length: request.classesPerYear }, (_, index) => ({
      year,
      name: request.nameClass(year, index),
    })),
  );
}

/** Every pupil of a school, class by class, each with their contacts. */
export function generatePupils(
  random: () => number,
  request: PupilCohortRequest,
): SyntheticPupil[] {
  const pupils: SyntheticPupil[] = [];
  for (const schoolClass of planClasses(request)) {
    for (let place = 0; place < request.pupilsPerClass; place++) {
      const sex: Sex = random() < 0.5 ? 'F' : 'M';
      const firstName = pickFrom(random, sex === 'F' ? GIRLS : BOYS);
      const lastName = pickFrom(random, SURNAMES);
      const ethnicity = pickWeighted(random, ETHNICITIES);
      const freeSchoolMeals = random() < 0.24;
      const senRoll = random();
      const senStatus: SenStatus = senRoll < 0.04 ? 'E' : senRoll < 0.13 ? 'K' : 'N';
      // EAL is far more common among pupils not of White British heritage.
      const englishAdditionalLanguage =
        ethnicity !== 'WBRI' && ethnicity !== 'REFU' ? random() < 0.55 : random() < 0.01;
      const lookedAfter = random() < 0.007;
      pupils.push({
        firstName,
        lastName,
        sex,
        dateOfBirth: drawDateOfBirth(random, schoolClass.year, request.academicYear),
        year: schoolClass.year,
        className: schoolClass.name,
        ethnicity,
        senStatus,
        freeSchoolMeals,
        // Pupil premium follows FSM in the last six years, and every looked-after child.
        pupilPremium: freeSchoolMeals || lookedAfter || random() < 0.03,
        englishAdditionalLanguage,
        lookedAfter,
        childInNeed: random() < 0.03,
        youngCarer: random() < 0.02,
        contacts: drawContacts(random, lastName, pupils.length + 1),
      });
    }
  }
  return pupils;
}
