import { join } from 'node:path';
import { getDocument, VerbosityLevel } from 'pdfjs-dist/legacy/build/pdf.mjs';

const standardFontDataUrl = `${join(import.meta.dirname, '../../node_modules/pdfjs-dist/standard_fonts')}/`;

/** A PDF's text as a reader would copy it: pages in order, runs of whitespace made single. */
export async function readPdfText(bytes: Uint8Array): Promise<{ text: string; pages: number }> {
  const pdf = await getDocument({
    data: new Uint8Array(bytes),
    standardFontDataUrl,
    verbosity: VerbosityLevel.ERRORS,
  }).promise;
  const pages: string[] = [];
  for (let number = 1; number <= pdf.numPages; number++) {
    const content = await (await pdf.getPage(number)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await pdf.destroy();
  return { text: pages.join('\n').replace(/\s+/g, ' '), pages: pdf.numPages };
}

/** The document title a screen reader announces. */
export async function readPdfTitle(bytes: Uint8Array): Promise<string | undefined> {
  const pdf = await getDocument({ data: new Uint8Array(bytes), verbosity: VerbosityLevel.ERRORS })
    .promise;
  const { info } = await pdf.getMetadata();
  await pdf.destroy();
  const title = (info as { Title?: unknown }).Title;
  return typeof title === 'string' ? title : undefined;
}
