import type { ContactSummary } from '../../contracts/common.contract.ts';
import { toMailtoHref, toTelHref } from './contact-hrefs.ts';

/**
 * A pupil's contacts in the order the school calls them: each number a link that dials and,
 * given an email subject, each address a link that opens a message about the absence.
 */
export function ContactList(props: {
  contacts: readonly ContactSummary[];
  labelledBy: string;
  emailSubject?: string;
}) {
  const contacts = [...props.contacts].sort((a, b) => a.priority - b.priority);
  if (contacts.length === 0)
    return <p>No contacts on file. Tell the attendance lead: this is a safeguarding concern.</p>;
  const { emailSubject } = props;
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
          {emailSubject !== undefined && contact.email !== null && (
            <a class="contact-email" href={toMailtoHref(contact.email, emailSubject)}>
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
