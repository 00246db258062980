import { describe, expect, it } from 'vitest';
import { readPdfText, readPdfTitle } from '../../test/support/pdf-text.ts';
import { renderLetterPdf } from './letter-pdf.ts';

const letterhead = {
  schoolName: 'Ysgol Gynradd Gŵyr',
  address: 'Heol y Coleg\nAbertawe',
  phone: '01792 000000',
  email: null,
};

describe('letter PDFs', () => {
  it('keep Welsh letters and names outside Western European type intact', async () => {
    const pdf = await renderLetterPdf({
      letterhead,
      date: '2024-09-04',
      title: 'Llythyr at rieni',
      body: 'Annwyl Mr Łukasz Wróbel,\n\nMae Siôn a Dafydd Ŷw yn yr ysgol.',
    });
    const { text } = await readPdfText(pdf);
    expect(text).toContain('Ysgol Gynradd Gŵyr');
    expect(text).toContain('Annwyl Mr Łukasz Wróbel,');
    expect(text).toContain('Mae Siôn a Dafydd Ŷw yn yr ysgol.');
    expect(text).toContain('4 September 2024');
    expect(await readPdfTitle(pdf)).toBe('Llythyr at rieni');
  });

  it('print a long register over several pages, each numbered', async () => {
    const days = Array.from({ length: 80 }, (_, index) => ({
      date: `2024-10-${String((index % 28) + 1).padStart(2, '0')}`,
      am: '/',
      pm: '\\',
    }));
    const pdf = await renderLetterPdf({
      letterhead,
      date: '2024-12-20',
      title: 'Registration certificate',
      body: 'A true copy.',
      register: { days, key: [{ code: '/', meaning: 'Present (AM)' }] },
    });
    const { text, pages } = await readPdfText(pdf);
    expect(pages).toBeGreaterThan(1);
    expect(text).toContain(`page ${String(pages)} of ${String(pages)}`);
    expect(text).toContain('Date Day AM PM');
  });
});
