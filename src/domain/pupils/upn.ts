/**
 * Unique Pupil Numbers (DfE): a check letter followed by 12 characters: LA code (3),
 * establishment number (4), year of allocation (2) and serial (3, the last may be a letter
 * for a temporary UPN).
 */

const CHECK_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';
const SERIAL_LETTERS = 'ABCDEFGHJKLMNPQRTUVWXYZ';

function characterValue(character: string): number {
  if (/\d/.test(character)) return Number(character);
  const index = SERIAL_LETTERS.indexOf(character);
  return index < 0 ? Number.NaN : index;
}

/** The check letter for the 12 characters after it. */
export function upnCheckLetter(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) sum += characterValue(body[i] ?? '') * (i + 2);
  return CHECK_LETTERS[sum % 23] ?? '?';
}

/** Why a UPN is not valid, or null when it is. */
export function explainInvalidUpn(upn: string): string | null {
  if (!/^[A-Z][0-9]{11}[0-9A-Z]$/.test(upn))
    return 'a UPN is a letter followed by 11 digits and a digit or letter (13 characters)';
  const expected = upnCheckLetter(upn.slice(1));
  return upn[0] === expected ? null : `the check letter should be ${expected}, not ${upn[0] ?? ''}`;
}

/** A well-formed UPN for an LA, establishment, allocation year and serial number. */
export function composeUpn(
  localAuthority: number,
  establishment: number,
  year: number,
  serial: number,
): string {
  const body = [
    String(localAuthority % 1000).padStart(3, '0'),
    String(establishment % 10000).padStart(4, '0'),
    String(year % 100).padStart(2, '0'),
    String(serial % 1000).padStart(3, '0'),
  ].join('');
  return `${upnCheckLetter(body)}${body}`;
}
