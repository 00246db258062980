import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import PDFDocument from 'pdfkit';
import type { IsoDate } from '../domain/calendar/plain-date.ts';

/** The school's details at the head of every page it sends. */
export interface Letterhead {
  readonly schoolName: string;
  readonly address: string;
  readonly phone: string | null;
  readonly email: string | null;
}

export type PdfPage = PDFKit.PDFDocument;

const months = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

/** "4 September 2024": the way a date is written in a letter home. */
export function formatLetterDate(date: IsoDate): string {
  const [year, month, day] = date.split('-').map(Number);
  return `${String(day)} ${months[(month ?? 1) - 1] ?? ''} ${String(year)}`;
}

// DejaVu Sans, embedded: the PDF standard fonts cover only Western European letters, and
// Welsh (ŵ, ŷ) and many pupils' names need more. Subsetting keeps each letter small.
const fontFolder = join(
  dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')),
  'ttf',
);
export const regularFont = 'Body';
export const boldFont = 'Body-Bold';

export const bodyFontSize = 11;
export const pageMargin = 56;

/**
 * A plain A4 document: one sans-serif face at a readable size, metadata with a title and
 * language so screen readers announce it, and the bytes collected as they are written.
 */
export function startPdf(title: string): { doc: PdfPage; finished: Promise<Uint8Array> } {
  const doc = new PDFDocument({
    size: 'A4',
    margin: pageMargin,
    lang: 'en-GB',
    displayTitle: true,
    info: { Title: title, Creator: 'Rollcall', Producer: 'Rollcall' },
    // Kept in memory until the end so every page can say "page n of m".
    bufferPages: true,
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<Uint8Array>((resolve, reject) => {
    doc.on('end', () => {
      resolve(new Uint8Array(Buffer.concat(chunks)));
    });
    doc.on('error', reject);
  });
  doc.registerFont(regularFont, join(fontFolder, 'DejaVuSans.ttf'));
  doc.registerFont(boldFont, join(fontFolder, 'DejaVuSans-Bold.ttf'));
  doc.font(regularFont).fontSize(bodyFontSize).fillColor('black');
  return { doc, finished };
}

/** The school's name, address and contact details, then the date. */
export function writeLetterhead(doc: PdfPage, letterhead: Letterhead, date: IsoDate): void {
  doc.font(boldFont).fontSize(16).text(letterhead.schoolName);
  doc.font(regularFont).fontSize(bodyFontSize);
  for (const line of letterhead.address.split('\n').filter((text) => text.trim() !== ''))
    doc.text(line.trim());
  const contact = [
    letterhead.phone === null ? null : `Telephone ${letterhead.phone}`,
    letterhead.email === null ? null : `Email ${letterhead.email}`,
  ].filter((part) => part !== null);
  if (contact.length > 0) doc.text(contact.join('   '));
  doc.moveDown();
  doc.text(formatLetterDate(date), { align: 'right' });
  doc.moveDown();
}

export function writeHeading(doc: PdfPage, text: string, size = 14): void {
  doc.font(boldFont).fontSize(size).text(text);
  doc.font(regularFont).fontSize(bodyFontSize).moveDown(0.5);
}

/** Paragraphs are separated by blank lines; single line breaks are kept as written. */
export function writeParagraphs(doc: PdfPage, text: string): void {
  for (const paragraph of text.split(/\n\s*\n/)) {
    if (paragraph.trim() === '') continue;
    doc.text(paragraph.trim(), { lineGap: 2 });
    doc.moveDown(0.8);
  }
}

/** A simple ruled table; headers repeat on each new page so a printed page reads alone. */
export function writeTable(
  doc: PdfPage,
  columns: readonly { readonly header: string; readonly width: number }[],
  rows: readonly (readonly string[])[],
): void {
  const rowHeight = bodyFontSize + 6;
  const left = doc.page.margins.left;
  const writeRow = (cells: readonly string[], bold: boolean) => {
    if (doc.y + rowHeight > doc.page.height - doc.page.margins.bottom - 20) {
      doc.addPage();
      writeRow(
        columns.map((column) => column.header),
        true,
      );
    }
    const y = doc.y;
    let x = left;
    doc.font(bold ? boldFont : regularFont).fontSize(bodyFontSize - 1);
    columns.forEach((column, index) => {
      doc.text(cells[index] ?? '', x + 2, y + 3, { width: column.width - 4, lineBreak: false });
      x += column.width;
    });
    doc
      .moveTo(left, y + rowHeight)
      .lineTo(x, y + rowHeight)
      .lineWidth(0.5)
      .strokeColor('#888888')
      .stroke();
    doc.x = left;
    doc.y = y + rowHeight;
  };
  writeRow(
    columns.map((column) => column.header),
    true,
  );
  for (const row of rows) writeRow(row, false);
  doc.font(regularFont).fontSize(bodyFontSize).moveDown();
  doc.x = left;
}

/** "Page 2 of 5" on every page, written last when the page count is known. */
export function numberPages(doc: PdfPage, label: string): void {
  const range = doc.bufferedPageRange();
  for (let index = range.start; index < range.start + range.count; index++) {
    doc.switchToPage(index);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font(regularFont)
      .fontSize(8)
      .fillColor('#444444')
      .text(
        `${label} · page ${String(index + 1)} of ${String(range.count)}`,
        doc.page.margins.left,
        doc.page.height - 36,
        { align: 'center', width: doc.page.width - doc.page.margins.left * 2 },
      );
    doc.page.margins.bottom = bottom;
  }
  doc.fillColor('black');
}
