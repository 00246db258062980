import type { ContactSummary } from '../contracts/common.contract.ts';
import type { Contact } from '../store/pupil.repository.ts';

/** A contact as responses show it: without the linked user account, which is internal. */
export function describeContact(contact: Contact): ContactSummary {
  return {
    id: contact.id,
    name: contact.name,
    relationship: contact.relationship,
    priority: contact.priority,
    parentalResponsibility: contact.parentalResponsibility,
    emergencyContact: contact.emergencyContact,
    phone: contact.phone,
    email: contact.email,
  };
}
