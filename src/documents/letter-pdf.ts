import { isoWeekday, type IsoDate } from '../domain/calendar/plain-date.ts';
import {
  formatLetterDate,
  numberPages,
  startPdf,
  writeHeading,
  writeLetterhead,
  writeParagraphs,
  writeTable,
  type Letterhead,
  type PdfPage,
} from './pdf-document.ts';

/** One school day of a pupil's register: the AM and PM codes ('' when unmarked). */
export interface RegisterDay {
  readonly date: IsoDate;
  readonly am: string;
  readonly pm: string;
}

/** The codes a printout uses, with their meanings, for the key under the register. */
export interface CodeMeaning {
  readonly code: string;
  readonly meaning: string;
}

/** A pupil's register session by session, as it accompanies a referral. */
export interface RegisterPrintout {
  readonly days: readonly RegisterDay[];
  readonly key: readonly CodeMeaning[];
}

export interface LetterContent {
  readonly letterhead: Letterhead;
  readonly date: IsoDate;
  readonly title: string;
  /** The filled template body: paragraphs separated by blank lines. */
  readonly body: string;
  readonly register?: RegisterPrintout;
}

const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Renders one letter on the school's letterhead as PDF bytes. */
export async function renderLetterPdf(content: LetterContent): Promise<Uint8Array> {
  const { doc, finished } = startPdf(content.title);
  writeLetterhead(doc, content.letterhead, content.date);
  writeHeading(doc, content.title);
  writeParagraphs(doc, content.body);
  if (content.register !== undefined) writeRegisterPrintout(doc, content.register);
  numberPages(doc, `${content.letterhead.schoolName} · ${formatLetterDate(content.date)}`);
  doc.end();
  return finished;
}

/** The register grid and its key; shared by the registration certificate and the bundle. */
export function writeRegisterPrintout(doc: PdfPage, register: RegisterPrintout): void {
  writeHeading(doc, 'Attendance register', 12);
  writeTable(
    doc,
    [
      { header: 'Date', width: 110 },
      { header: 'Day', width: 60 },
      { header: 'AM', width: 60 },
      { header: 'PM', width: 60 },
    ],
    register.days.map((day) => [
      day.date,
      weekdays[isoWeekday(day.date) - 1] ?? '',
      day.am || '-',
      day.pm || '-',
    ]),
  );
  if (register.key.length > 0) {
    writeHeading(doc, 'Key to codes', 12);
    for (const entry of register.key) doc.text(`${entry.code}  ${entry.meaning}`);
    doc.moveDown();
  }
}
