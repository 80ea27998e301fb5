// The state of a covering register as foldRegister derives it from the register's log. Plain data,
// rebuilt from the log at any time; the desk's `registers` rows are a projection of it.
import type { LocalDate, LocalDateTime } from '../time';
import type { RegisterEvent, SignedCase } from './events';
import type { RegisterConflictReason } from './messages';

/**
 * - none: no RegisterCreated (yet): nothing else can happen.
 * - draft: built; the specialist may change its cases; the akim may sign it.
 * - signed: the akim signed; it may be forwarded or cancelled, never changed.
 * - forwarded, cancelled: final; nothing happens after them.
 */
export const REGISTER_STATUSES = ['none', 'draft', 'signed', 'forwarded', 'cancelled'] as const;
export type RegisterStatus = (typeof REGISTER_STATUSES)[number];

export const FINAL_REGISTER_STATUSES: readonly RegisterStatus[] = ['forwarded', 'cancelled'];

/** Who did something to the register, and when (the event's legal time). */
export interface RegisterAct {
  readonly at: LocalDateTime;
  readonly byUserId: string;
}

export interface RegisterSignatureState extends RegisterAct {
  readonly keyId: string;
  readonly algorithm: 'ECDSA-P256-SHA256';
  readonly value: string;
  readonly signedDigest: string;
  readonly documentDigest: string;
  readonly signedCases: readonly SignedCase[];
}

export interface RegisterCancellation extends RegisterAct {
  readonly reason: string | null;
  /** Cancelled after the akim signed: the signature stays in the log and loses its force. */
  readonly wasSigned: boolean;
}

export interface RegisterConflict {
  readonly event: RegisterEvent;
  readonly reason: RegisterConflictReason;
}

export interface RegisterState {
  readonly registerId: string | null;
  readonly status: RegisterStatus;
  readonly number: string | null;
  readonly date: LocalDate | null;
  readonly officeId: string | null;
  /** The cases, in the register's order. */
  readonly caseIds: readonly string[];
  readonly created: RegisterAct | null;
  readonly signature: RegisterSignatureState | null;
  readonly forwarded: RegisterAct | null;
  readonly cancelled: RegisterCancellation | null;
  /** The events applied, in fold order. */
  readonly events: readonly RegisterEvent[];
  /** Events that did not fit the register when the fold reached them: kept, listed, never applied. */
  readonly conflicts: readonly RegisterConflict[];
}

export const EMPTY_REGISTER: RegisterState = {
  registerId: null,
  status: 'none',
  number: null,
  date: null,
  officeId: null,
  caseIds: [],
  created: null,
  signature: null,
  forwarded: null,
  cancelled: null,
  events: [],
  conflicts: [],
};
