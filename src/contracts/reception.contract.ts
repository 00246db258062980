import { z } from 'zod';
import { AttendanceCode, Id, IsoDateString, SessionName } from './common.contract.ts';

export const ReceptionSignInRequest = z.object({
  pupilId: Id,
  reason: z.string().trim().min(1).max(500).optional(),
});

export const ReceptionSignOutRequest = z.object({
  pupilId: Id,
  reason: z.string().trim().min(1, 'say why the pupil is leaving').max(500),
  afternoonCode: AttendanceCode.optional().describe(
    'Leaving before the afternoon register: the code for the afternoon (M, I...)',
  ),
});

const SignEventResponse = z.object({
  id: z.number().int(),
  pupilId: z.number().int(),
  date: IsoDateString,
  time: z.string().describe('Europe/London wall clock, HH:MM'),
  direction: z.enum(['in', 'out']),
  reason: z.string().nullable(),
});

export const ReceptionSignInResponse = z.object({
  event: SignEventResponse,
  session: SessionName,
  code: z.string().describe('L before the register closed, U after'),
});
export type ReceptionSignInResponse = z.infer<typeof ReceptionSignInResponse>;

export const ReceptionSignOutResponse = z.object({
  event: SignEventResponse,
  afternoonCode: z.string().nullable(),
});
export type ReceptionSignOutResponse = z.infer<typeof ReceptionSignOutResponse>;
