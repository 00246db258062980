import { z } from 'zod';
import { roles } from '../domain/access/access-policy.ts';

export const minimumPasswordLength = 12;
// Long enough for any passphrase, short enough that hashing it cannot tie up the server.
export const maximumPasswordLength = 1024;

const graphemes = new Intl.Segmenter('en-GB', { granularity: 'grapheme' });

/** Whether a password is long enough, counting characters as a person sees them. */
export function isLongEnoughPassword(password: string): boolean {
  // Graphemes, not UTF-16 units: an emoji or an accented letter counts once, as people count.
  return Array.from(graphemes.segment(password)).length >= minimumPasswordLength;
}

export const csrfHeaderName = 'x-csrf-token';
export const sessionCookieName = 'rollcall_session';

export const LoginRequest = z.object({
  email: z.string().trim().min(1, 'enter your email address').max(320),
  password: z.string().min(1, 'enter your password').max(maximumPasswordLength),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

export const PasswordChangeRequest = z.object({
  currentPassword: z.string().min(1, 'enter your current password').max(maximumPasswordLength),
  newPassword: z
    .string()
    .max(maximumPasswordLength)
    .refine(isLongEnoughPassword, {
      error: `choose a password of at least ${minimumPasswordLength} characters`,
    }),
});
export type PasswordChangeRequest = z.infer<typeof PasswordChangeRequest>;

export const Scope = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('school'), schoolId: z.number().int() }),
  z.object({ kind: z.literal('trust'), trustId: z.number().int() }),
  z.object({ kind: z.literal('local-authority'), localAuthorityId: z.number().int() }),
  z.object({ kind: z.literal('none') }),
]);

/** Who is signed in, what they reach, and the token to send back as X-CSRF-Token. */
export const SessionResponse = z.object({
  user: z.object({
    id: z.number().int(),
    email: z.string(),
    displayName: z.string(),
    role: z.enum(roles),
  }),
  scope: Scope,
  classIds: z.array(z.number().int()).describe('Classes a teacher teaches'),
  pupilIds: z.array(z.number().int()).describe("A parent's children"),
  capabilities: z.array(z.string()).describe('What the role may do somewhere in its scope'),
  csrfToken: z.string().describe('Send as the X-CSRF-Token header on every change'),
  expiresAt: z.iso.datetime(),
});
export type SessionResponse = z.infer<typeof SessionResponse>;
