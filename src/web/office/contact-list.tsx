import type { ContactSummary } from '../../contracts/common.contract.ts';

/** Digits and a leading + only, so a number typed "01632 960 123" still dials. */
function toTelHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}

/** A pupil's contacts in the order the school calls them, each number a link that dials. */
export function ContactList(props: { contacts: readonly ContactSummary[]; labelledBy: string }) {
  const contacts = [...props.contacts].sort((a, b) => a.priority - b.priority);
  if (contacts.length === 0)
    return <p>No contacts on file. Ask the attendance officer to add one.</p>;
  return (
    <ol class="contact-list" aria-labelledby={props.labelledBy}>
      {contacts.map((contact) => (
        <li key={contact.id}>
          <span class="contact-name">{contact.name}</span>{' '}
          <span class="contact-relationship">({contact.relationship})</span>
          {contact.phone === null ? (
            <span class="contact-phone"> no phone number</span>
          ) : (
            <a class="contact-phone" href={toTelHref(contact.phone)}>
              <span class="visually-hidden">Call {contact.name} on </span>
              {contact.phone}
            </a>
          )}
          {!contact.parentalResponsibility && <span class="tag">No parental responsibility</span>}
        </li>
      ))}
    </ol>
  );
}
