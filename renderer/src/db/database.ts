import { Dexie, type EntityTable, type Table } from 'dexie';
import type { AtRestKeys } from './at-rest';
import { atRestMiddleware, sealStoredRows } from './at-rest-middleware';
import { findScansOfSentEvents } from './attachment-sync';
import type { EventRow } from './event-rows';
import { reprojectAllCases } from './case-projection';
import { ensureJournalTallies } from './journal-tallies';
import { ensureLateIndex } from './late-index';
import { rebuildNameIndex } from './name-index';
import { forgetTsaVersionOfDistrict } from './tsa-reference';
import type { CaseRole } from '../../../shared/case';
import type { JournalRow } from '../../../shared/journal';
import type { OfficeSettingsChanged } from '../../../shared/office';
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

export type { EventRow, EventRunRow } from './event-rows';

/**
 * The logs the desk keeps, one table each: a case's events, a covering register's events, and the
 * directory's (users and their keys). All travel in one outbox and share one envelope
 * (shared/events/envelope).
 */
export type EventStream = 'case' | 'register' | 'user';

/**
 * An outbox row's key since v17: its log, then its event. A log's rows are one key range, so the rows
 * of a case the hub took leave in one range delete instead of one delete a row (sync-commands
 * dropFromOutbox). The event id alone is the unique `eventId` index.
 */
export type OutboxKey = [streamId: string, eventId: string];

/** Events made here wait in the outbox until the hub acknowledges them (ARCHITECTURE.md §4). */
export interface OutboxRow {
  eventId: string;
  stream: EventStream;
  /** The case, register or user the event belongs to. */
  streamId: string;
  /** Set for case events (the index the case page's "unsent" marks use). */
  caseId?: string;
  createdAtMs: number;
  /**
   * Set when the hub refused the event (a receipt's reason key, shown in kk and ru): the row stays,
   * is not sent again until a person acts on it (sync-commands retryRejected), and is never deleted.
   */
  rejectedReason?: string;
  /** When the refusal arrived; indexed, so the status area lists rejected events. */
  rejectedAtMs?: number;
}

/**
 * When the district hub received an event, beside the event's own legal time and HLC stamp (which
 * stay in the event as it was signed and sent): from the hub's receipt for what this desk pushed, or
 * from the page that brought it here.
 */
export interface HubReceiptRow {
  id: string;
  receivedAtMs: number;
}

/**
 * When the hub took in events that the desk learnt together, from one receipt batch or one pulled
 * page: one row for them all (v17), found by each of their logs (a case, a register, a person) in the
 * multi-entry `streamIds` index. From v14 to v16 a row held one log's (`streamId`); those rows stay
 * and are read beside (hub-times.ts hubTimesOf), as are hubReceipts' rows of one event each.
 */
export interface HubTimesRow {
  /** Given by IndexedDB. */
  seq?: number;
  /** Since v17: the logs (STREAM_FIELD of their events) of the events the row holds. */
  streamIds?: string[];
  /** v14 to v16: the one log whose events the row holds. */
  streamId?: string;
  /** Each event's id and the hub's receipt time of it, epoch ms. */
  times: [string, number][];
}

/**
 * An event kept as it came because a newer desk wrote it (an event type or field this desk does not
 * know): never folded, never dropped, never sent back. The desk asks for an update while any is held.
 */
export interface HeldEventRow {
  id: string;
  stream: EventStream;
  streamId: string;
  /** Set for case events, so the case and its journal row can say an update is needed. */
  caseId?: string;
  type: string;
  v: number;
  raw: Record<string, unknown>;
  receivedAtMs: number;
}

/**
 * The journal's view of a case, written only by shared/journal journalRowOf after every append: what
 * the journal lists, searches and filters on; the case page folds the events themselves.
 */
export type CaseRow = JournalRow;

/** An event of a covering register's log (shared/registers); `registers` rows are its projection. */
export interface RegisterEventRow {
  id: string;
  registerId: string;
  hlc: string;
}

/** An event of the directory's log (shared/directory): users, roles, keys; `users` is its projection. */
export interface UserEventRow {
  id: string;
  userId: string;
  hlc: string;
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
  /**
   * Since v19: the okrugs (akimat office ids) whose lists at the hub name the recipient for the
   * quarter, sorted (usually one). Absent while unknown: a row imported from a file, delivered by a
   * hub older than the okrug in its reply, or stored before v19 (whose upgrade makes a district
   * desk fetch its hub's lists again).
   */
  officeIds?: string[];
}

/**
 * Per-desk counters kept in the same transaction as what they number or count: the numbers drawn
 * (registrations, registers, certificates) and the journal's tallies (journal-tallies.ts).
 */
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
  outbox!: Table<OutboxRow, OutboxKey>;
  cases!: EntityTable<CaseRow, 'id'>;
  /** The journal's name index (name-index.ts): keys only, the value is always 0. */
  caseNames!: Table<number, string>;
  /** The journal's late index (late-index.ts): keys only, the value is always 0. */
  caseLate!: Table<number, string>;
  people!: EntityTable<PersonRow, 'iin'>;
  attachments!: EntityTable<AttachmentRow, 'sha256'>;
  registers!: EntityTable<RegisterRow, 'id'>;
  tsaRecipients!: Table<TsaRecipientRow, [string, string]>;
  counters!: EntityTable<CounterRow, 'key'>;
  heldEvents!: EntityTable<HeldEventRow, 'id'>;
  /**
   * When the hub received each event (from its receipt or a pull): the third time every event keeps.
   * Written up to v13, one row an event; read beside hubTimes, which holds them since.
   */
  hubReceipts!: EntityTable<HubReceiptRow, 'id'>;
  /** The same times since v14: a row per receipt batch or pulled page (v14–v16: and per log). */
  hubTimes!: EntityTable<HubTimesRow, 'seq'>;
  /** Written by registers' commands (shared/registers events); `registers` is their projection. */
  registerEvents!: Table<RegisterEventRow, string>;
  /** Written by the directory's commands (shared/directory events); `users` is their projection. */
  userEvents!: Table<UserEventRow, string>;
  /** The office's settings changes (office-settings-commands.ts); the office profile is their projection. */
  officeEvents!: Table<OfficeSettingsChanged, string>;

  /** Sealing keys (at-rest.ts); null only in data tests and tools that read plain rows. */
  readonly atRest: AtRestKeys | null;

  constructor(name = 'akimat-desk', keys: AtRestKeys | null = null) {
    super(name);
    this.atRest = keys;
    if (keys) this.use(atRestMiddleware(keys));
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
    // v3: every event carries its schema version; register and directory events; events held from
    // newer desks; journal rows with the term's phase, exact due point, current step and office; the
    // journal's name index (caseNames, keys only; dropped by v14 and built anew by v15: the upgrades
    // between them no longer write it).
    this.version(3)
      .stores({
        events: '&id, caseId',
        heldEvents: '&id, caseId, stream, streamId',
        registerEvents: '&id, registerId',
        userEvents: '&id, userId',
        outbox: '&eventId, caseId, stream, createdAtMs',
        cases:
          '&id, number, date, iin, *nameTokens, serviceId, stage, openDueDate, overdueFrom, stepOverdueFrom, termPhase, officeId, updatedAtMs',
        caseNames: '',
      })
      .upgrade(async (tx) => {
        // Events written before versioning are version 1.
        await tx
          .table('events')
          .toCollection()
          .modify((e: { v?: number }) => {
            e.v ??= 1;
          });
        await tx
          .table('outbox')
          .toCollection()
          .modify((o: { caseId: string; stream?: string; streamId?: string }) => {
            o.stream ??= 'case';
            o.streamId ??= o.caseId;
          });
        await reprojectAllCases(
          {
            events: tx.table('events'),
            cases: tx.table('cases'),
            counters: tx.table('counters'),
          },
          Date.now(),
        );
      });
    // v4: sync with the hub. A refused event keeps its reason and time on its outbox row, indexed by
    // the time so the status area lists refused events; the hub link, the pull cursor and the last
    // successful sync live in `settings` (sync-commands.ts).
    this.version(4).stores({
      outbox: '&eventId, caseId, stream, createdAtMs, rejectedAtMs',
    });
    // v5: scans on their own channel (attachment-sync.ts). A scan named by an event the hub took
    // waits in `scanUploads` (by state) until the hub holds it; the upgrade finds the scans of events
    // sent before.
    this.version(5)
      .stores({ scanUploads: '&sha256, state' })
      .upgrade((tx) =>
        findScansOfSentEvents(
          {
            events: tx.table('events'),
            outbox: tx.table('outbox'),
            attachments: tx.table('attachments'),
            scanUploads: tx.table('scanUploads'),
          },
          Date.now(),
        ),
      );
    // v6: the hub's receipt time of each event the hub has (sync-commands applyReceipts and
    // applyPulledPage write it).
    this.version(6).stores({ hubReceipts: '&id' });
    // v7: the office's settings changes (shared/office OfficeSettingsChanged), by office; the office
    // profile in `settings` is their projection (office-settings-commands.ts). Kept on this desk: the
    // hub does not take the stream yet.
    this.version(7).stores({ officeEvents: '&id, officeId' });
    // v8: journal rows say who holds a running case (the akimat or the district) and which role records
    // its current step (shared/journal holder, stepRole), so a late step or term is its owner's: the
    // rows are projected again.
    this.version(8).upgrade((tx) =>
      reprojectAllCases(
        {
          events: tx.table('events'),
          cases: tx.table('cases'),
          counters: tx.table('counters'),
          heldEvents: tx.table('heldEvents'),
        },
        Date.now(),
      ),
    );
    // v9: "late now" (the term or the current step) is one index range, lateFrom ≤ now, instead of the
    // union of two (shared/journal JournalRow lateFrom): the rows are projected again.
    this.version(9)
      .stores({
        cases:
          '&id, number, date, iin, *nameTokens, serviceId, stage, openDueDate, overdueFrom, stepOverdueFrom, lateFrom, termPhase, officeId, updatedAtMs',
      })
      .upgrade((tx) =>
        reprojectAllCases(
          {
            events: tx.table('events'),
            cases: tx.table('cases'),
            counters: tx.table('counters'),
            heldEvents: tx.table('heldEvents'),
          },
          Date.now(),
        ),
      );
    // v10: citizens' data encrypted at rest (issue 11 §1, at-rest-middleware.ts): every row of a
    // sealed table is written again, sealed and blind (the name index of then: v15 builds it anew).
    this.version(10).upgrade((tx) => (keys ? sealStoredRows(tx) : undefined));
    // v11: the journal's late index (late-index.ts), keys only; built by the ready step below, in a
    // normal transaction, from the rows as the desk reads them.
    this.version(11).stores({ caseLate: '' });
    // v12: a name is searched on the name index alone (caseNames); the rows' name-word indexes go. Each
    // was a blind key per prefix of every word (about 25 a person), written at random places of a
    // large index on every write of a row: most of the cost of registering a case at 100,000 cases.
    this.version(12).stores({
      cases:
        '&id, number, date, iin, serviceId, stage, openDueDate, overdueFrom, stepOverdueFrom, lateFrom, termPhase, officeId, updatedAtMs',
      people: '&iin',
    });
    // v13: the name index's keys were written again with three of a word's prefixes to a key. (v14
    // replaced that index and v15 builds its successor from the rows: nothing is left to do here.)
    this.version(13).stores({});
    // v14: the hub's receipt times, a row per log for all its events of one receipt batch or pulled
    // page (hubTimes), instead of a row an event: a pulled case of six events writes one row, not
    // six (IndexedDB's cost here is per request, bench-sync). The rows of hubReceipts stay and are
    // read beside them (sync-commands hubTimesOf); nothing is moved.
    // v14 also replaced the keys-only name index by a row per case with a multi-entry index of its
    // words (nameIndex); v15 brings the keys back (a name search read the multi-entry index at half the
    // speed: Chromium checks each index entry against its row), now one key per word.
    this.version(14).stores({
      hubTimes: '++seq, streamId',
      caseNames: null,
      nameIndex: 'k, *w',
      // Nothing reads the outbox by its stream: that index only made each write and delete dearer.
      outbox: '&eventId, caseId, createdAtMs, rejectedAtMs',
    });
    // v15: the name index is keys only again (caseNames), one key per word of a name: its every prefix
    // in one key (at-rest-middleware storedNameKey), so a case writes about three keys, not the
    // eleven of v13's three-prefix keys, and a search reads keys, not index entries checked against
    // rows (in Chromium at 100,000 cases: 29 ms against 43 ms for the multi-entry index; writes
    // 0.72 ms a case against 0.66). Built from the rows.
    // The outbox keeps only its caseId index. It is read from its store (sync-commands outboxRows),
    // never by createdAtMs or rejectedAtMs: in Chromium a deleted row's index entries stay until an
    // idle sweep, so a walk of those indexes after a large push stepped over every row the hub had
    // taken. Each add paid for two index entries nothing reads.
    this.version(15)
      .stores({ nameIndex: null, caseNames: '', outbox: '&eventId, caseId' })
      .upgrade(async (tx) => {
        const rows = (await tx.table('cases').toArray()) as CaseRow[];
        await rebuildNameIndex(tx.table('caseNames'), rows);
      });
    // v16 and v17: the outbox is keyed by its log, then its event ([streamId+eventId], OutboxKey), so
    // the rows of a log the hub took leave in one range delete: a case of six events cost six deletes,
    // most of the push's IndexedDB work (in this Chromium, six deletes 1.1–1.2 ms a case, a read of
    // the log's keys and one range delete 0.5 ms). IndexedDB cannot change a store's key: v16 moves
    // the rows aside and drops the store, v17 makes it again with the new key and moves them back.
    this.version(16)
      .stores({ outbox: null, outboxMoving: '&eventId' })
      .upgrade(async (tx) => {
        await tx.table('outboxMoving').bulkAdd(await tx.table('outbox').toArray());
      });
    // v17 also keeps the hub's times learnt together in one row, found by each of its logs (hubTimes
    // *streamIds), instead of a row a log: a receipt batch or a pulled page writes one row, not one a
    // case. The rows of v14 to v16 keep their streamId index and are read beside (hubTimesOf).
    this.version(17)
      .stores({
        outboxMoving: null,
        outbox: '[streamId+eventId], &eventId, caseId',
        hubTimes: '++seq, streamId, *streamIds',
      })
      .upgrade(async (tx) => {
        await tx.table('outbox').bulkAdd(await tx.table('outboxMoving').toArray());
      });
    // v18: events that arrive together are stored a run a case (EventRunRow), beside the rows of one
    // event: nothing is moved, and a desk of v17 must not open a log it would misread.
    this.version(18).stores({});
    // v19: a TSA recipient delivered by the hub names its okrugs (TsaRecipientRow officeIds), which
    // the district's proactive screen lists them by; nothing is indexed by them (a quarter is read
    // whole). Rows stored before have none: on the district department's desk the upgrade forgets
    // the TSA version it has, so the next sync fetches every quarter again, each replacing the
    // quarter's rows with rows that name their okrug (tsa-reference.ts forgetTsaVersionOfDistrict).
    this.version(19).upgrade((tx) =>
      forgetTsaVersionOfDistrict({ settings: tx.table('settings') }),
    );
    // Each time the database opens, before anything else reads it: the journal's tallies, counted
    // natively once where they are missing (journal-tallies.ts), and its late index, built once.
    this.on(
      'ready',
      (vip) =>
        vip.transaction('rw', ['cases', 'caseLate', 'counters'], async (tx) => {
          const tables = {
            cases: tx.table('cases'),
            caseLate: tx.table('caseLate'),
            counters: tx.table('counters'),
          };
          await ensureJournalTallies(tables);
          await ensureLateIndex(tables);
        }),
      true,
    );
  }
}
