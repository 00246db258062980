import type { IsoDate } from '../domain/calendar/plain-date.ts';
import { writeRegisterPrintout, type RegisterPrintout } from './letter-pdf.ts';
import {
  boldFont,
  formatLetterDate,
  regularFont,
  numberPages,
  startPdf,
  writeHeading,
  writeLetterhead,
  writeTable,
  type Letterhead,
} from './pdf-document.ts';

/** One dated entry of a pupil's follow-up history: a letter, a message, a call, a report, an action. */
export interface EvidenceEntry {
  /** When it happened, as London wall-clock 'YYYY-MM-DD HH:MM'. */
  readonly at: string;
  readonly kind: 'letter' | 'message' | 'contact attempt' | 'absence report' | 'audit';
  readonly by: string;
  readonly description: string;
}

export interface EvidenceBundle {
  readonly letterhead: Letterhead;
  readonly producedOn: IsoDate;
  readonly producedBy: string;
  readonly pupil: {
    readonly name: string;
    readonly dateOfBirth: IsoDate;
    readonly upn: string;
    readonly className: string | null;
  };
  readonly summary: readonly (readonly [label: string, value: string])[];
  readonly register: RegisterPrintout;
  /** In date order; the renderer keeps the order it is given. */
  readonly entries: readonly EvidenceEntry[];
}

/** One PDF holding everything a referral needs about one pupil. */
export async function renderEvidenceBundlePdf(bundle: EvidenceBundle): Promise<Uint8Array> {
  const title = `Attendance evidence: ${bundle.pupil.name}`;
  const { doc, finished } = startPdf(title);
  writeLetterhead(doc, bundle.letterhead, bundle.producedOn);
  writeHeading(doc, title, 16);
  doc.text(`Date of birth: ${formatLetterDate(bundle.pupil.dateOfBirth)}`);
  doc.text(`UPN: ${bundle.pupil.upn}`);
  if (bundle.pupil.className !== null) doc.text(`Class: ${bundle.pupil.className}`);
  doc.text(`Produced by ${bundle.producedBy} on ${formatLetterDate(bundle.producedOn)}`);
  doc.moveDown();

  writeHeading(doc, 'Attendance summary', 12);
  writeTable(
    doc,
    [
      { header: 'Measure', width: 260 },
      { header: 'Value', width: 120 },
    ],
    bundle.summary,
  );

  writeHeading(doc, 'Letters, contacts, reports and actions in date order', 12);
  if (bundle.entries.length === 0) doc.text('Nothing recorded in this period.').moveDown();
  for (const entry of bundle.entries) {
    doc.font(boldFont).text(`${entry.at}  ${entry.kind}  (${entry.by})`);
    doc.font(regularFont).text(entry.description, { indent: 12 }).moveDown(0.4);
  }
  doc.moveDown();

  doc.addPage();
  writeHeading(doc, 'Registration certificate', 14);
  writeRegisterPrintout(doc, bundle.register);

  numberPages(doc, `${bundle.letterhead.schoolName} · evidence bundle`);
  doc.end();
  return finished;
}
