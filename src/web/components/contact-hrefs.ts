/** Digits and a leading + only, so a number typed "01632 960 123" still dials. */
export function toTelHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A mailto: address with nothing that could add headers or a second recipient. */
export function toMailtoHref(email: string, subject: string): string {
  return `mailto:${encodeURIComponent(email.trim()).replace('%40', '@')}?subject=${encodeURIComponent(subject)}`;
}
