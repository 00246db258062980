import type { ContactSummary } from '../../contracts/common.contract.ts';
import { toMailtoHref, toTelHref } from './task-groups.ts';

/** A pupil's contacts in the order the school calls them; numbers dial, addresses open a mail. */
export function ContactLinks(props: {
  contacts: readonly ContactSummary[];
  labelledBy: string;
  subject: string;
}) {
  const contacts = [...props.contacts].sort((a, b) => a.priority - b.priority);
  if (contacts.length === 0)
    return <p>No contacts on file. Tell the attendance lead: this is a safeguarding concern.</p>;
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
          {contact.email !== null && (
            <a class="contact-email" href={toMailtoHref(contact.email, props.subject)}>
              <span class="visually-hidden">Email {contact.name} at </span>
              {contact.email}
            </a>
          )}
          {!contact.parentalResponsibility && <span class="tag">No parental responsibility</span>}
        </li>
      ))}
    </ol>
  );
}
