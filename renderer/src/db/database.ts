import { Dexie, type EntityTable, type Table } from 'dexie';
import type { CaseEvent, CaseRole, CaseStage } from '../../../shared/case';
import type {
  StoredPinHash,
  WrappedSigningKey,
  PublicJwk,
  CanonicalSignature,
} from '../../../shared/signing';

/** One row per setting; values are small JSON values (language, office profile, …). */
export interface SettingRow {
  key: string;
  value: unknown;
}

/** A person who works on this laptop. The PIN is kept only as a slow salted hash. */
export interface UserRow {
  id: string;
  name: string;
  role: CaseRole;
  pinHash: StoredPinHash;
  /** Signers (the akim) hold an ECDSA key pair; the private key is wrapped by their PIN. */
  signingKey: { publicKey: PublicJwk; keyId: string; wrapped: WrappedSigningKey } | null;
  createdAt: string;
  active: boolean;
}

/** An event of a case, stored as the shared schema defines it; `seq` orders local writes. */
export type EventRow = CaseEvent;

/** Events made here wait in the outbox until the hub acknowledges them (ARCHITECTURE.md §4). */
export interface OutboxRow {
  eventId: string;
  caseId: string;
  createdAtMs: number;
}

/**
 * The journal's view of a case, rebuilt from the fold after every append. Only what the journal lists,
 * searches and filters on; the case page folds the events themselves.
 */
export interface CaseRow {
  id: string;
  /** Registration number, or the 2-1 receipt number for a refused application. */
  number: string;
  /** Registration date, or the refusal date for a refused application. */
  date: string;
  receivedAt: string | null;
  serviceId: string;
  stage: CaseStage;
  iin: string;
  applicantName: string;
  /** Folded words of the name (shared/text searchKey), each indexed for prefix search. */
  nameTokens: string[];
  dueDate: string | null;
  /** The due date while the case is open, absent once it is closed: the index behind "overdue". */
  openDueDate?: string;
  flagged: boolean;
  updatedAtMs: number;
}

/** The latest known details of a person, filled in from earlier cases. */
export interface PersonRow {
  iin: string;
  lastName: string;
  firstName: string;
  patronymic?: string;
  birthDate: string;
  sex: 'M' | 'F';
  address: string;
  phone?: string;
  inMobileCitizensDb: boolean;
  nameTokens: string[];
  updatedAtMs: number;
}

/** A scan attached to a case, addressed by its content hash. */
export interface AttachmentRow {
  sha256: string;
  name: string;
  mime: string;
  size: number;
  blob: Blob;
  addedAtMs: number;
}

/** A covering register of cases forwarded to the district, signed by the akim. */
export interface RegisterRow {
  id: string;
  number: string;
  date: string;
  caseIds: string[];
  createdBy: string;
  signature: (CanonicalSignature & { signerId: string; signedAt: string }) | null;
  forwardedAt: string | null;
}

/** The local register of targeted-assistance recipients, imported from a district file. */
export interface TsaRecipientRow {
  iin: string;
  /** 'YYYY-Qn' */
  quarter: string;
  fullName: string;
  familyMembers: string[];
  importedAtMs: number;
  source: string;
}

/** Per-desk counters kept in the same transaction as what they number. */
export interface CounterRow {
  key: string;
  value: number;
}

/**
 * The desk's local database. Every schema change is a new `version(n)` block appended below, never an
 * edit of an old one: desks in villages upgrade from whatever version they last ran.
 */
export class DeskDatabase extends Dexie {
  settings!: EntityTable<SettingRow, 'key'>;
  users!: EntityTable<UserRow, 'id'>;
  events!: EntityTable<EventRow, 'id'>;
  outbox!: EntityTable<OutboxRow, 'eventId'>;
  cases!: EntityTable<CaseRow, 'id'>;
  people!: EntityTable<PersonRow, 'iin'>;
  attachments!: EntityTable<AttachmentRow, 'sha256'>;
  registers!: EntityTable<RegisterRow, 'id'>;
  tsaRecipients!: Table<TsaRecipientRow, [string, string]>;
  counters!: EntityTable<CounterRow, 'key'>;

  constructor(name = 'akimat-desk') {
    super(name);
    // v1: the walking skeleton (settings only).
    this.version(1).stores({
      settings: '&key',
    });
    // v2: cases as event logs, their journal rows, users, people, attachments, registers.
    this.version(2).stores({
      settings: '&key',
      users: '&id, role',
      events: '&id, caseId',
      outbox: '&eventId, caseId, createdAtMs',
      cases: '&id, number, date, iin, *nameTokens, serviceId, stage, openDueDate, updatedAtMs',
      people: '&iin, *nameTokens',
      attachments: '&sha256',
      registers: '&id, number, date',
      tsaRecipients: '&[iin+quarter], iin, quarter',
      counters: '&key',
    });
  }
}
