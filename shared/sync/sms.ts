// The SMS outbox as desks read it from the hub (GET /v1/sms?after=…&limit=…): the notices of
// decisions the hub queued (R-DEC-2, 003:49) with their state. Desk and hub validate with these same
// schemas. What must stay true:
// - Only what staff need to follow a notice: the phone leaves the hub masked (its last four digits),
//   never the IIN (the text carries none, shared/sms).
// - `after` is the cursor of the last message read ('' or absent: from the start); messages come in
//   the order the hub queued them.
import { z } from 'zod';
import { isLocalDate } from '../time';

export const SMS_STATES = ['queued', 'recorded', 'sent', 'failed'] as const;
export type SmsState = (typeof SMS_STATES)[number];

export const SMS_PAGE_MAX = 500;

export const smsOutboxQuerySchema = z.strictObject({
  after: z
    .string()
    .regex(/^(\d{1,18})?$/)
    .optional(),
  limit: z.coerce.number().int().min(1).max(SMS_PAGE_MAX).optional(),
});
export type SmsOutboxQuery = z.infer<typeof smsOutboxQuerySchema>;

export const smsOutboxMessageSchema = z.strictObject({
  /** The ResultSigned event the notice is of (one message per signed result). */
  id: z.string().min(1).max(200),
  caseId: z.string().min(1).max(200),
  /** The case's office (the akimat, or the district department for its own cases). */
  officeId: z.string().min(1).max(100),
  registrationNumber: z.string().max(100).nullable(),
  phoneMasked: z.string().max(40),
  language: z.enum(['kk', 'ru']),
  outcome: z.enum(['grant', 'refuse']),
  decisionDate: z.string().refine(isLocalDate),
  text: z.string().max(2000),
  state: z.enum(SMS_STATES),
  attempts: z.int().min(0),
  /** Why the gateway did not take it (state failed). */
  failure: z.string().max(500).nullable(),
  queuedAtMs: z.number(),
  /** When it was handed over (recorded or sent). */
  handedAtMs: z.number().nullable(),
});
export type SmsOutboxMessage = z.infer<typeof smsOutboxMessageSchema>;

export const smsOutboxReplySchema = z.strictObject({
  messages: z.array(smsOutboxMessageSchema),
  cursor: z.string(),
  more: z.boolean(),
});
export type SmsOutboxReply = z.infer<typeof smsOutboxReplySchema>;
