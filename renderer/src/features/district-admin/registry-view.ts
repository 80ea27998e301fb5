// What the district admin's screen shows of the hub's registry (shared/sync/admin RegistryReply), and
// what it checks before it asks the hub for a change: plain functions, so the screen only renders.
// What must stay true:
// - The district department comes first, then the okrugs' akimats by code; every office of the
//   registry is listed, with or without desks (an akimat with no desk is what the admin looks for).
// - A desk is active until the hub revoked it; this desk is never offered for revocation (the hub
//   refuses it too: hub:admin.ownDevice), nor a desk already revoked.
// - A code's state is enrollmentCodeState at the moment shown (the registry's own state may be older
//   than the screen); the code itself is never in the registry, only in the reply that made it.
// - What the form sends is what the hub's schema accepts: a code the hub would refuse for its form,
//   or one the district already has, is said under the field before anything is sent.
import {
  ADMIN_CODE_HOURS,
  enrollmentCodeState,
  type EnrollmentCodeState,
  type RegistryCode,
  type RegistryDevice,
  type RegistryOffice,
  type RegistryReply,
} from '../../../../shared/sync';
import { isValidOfficeCode } from '../../../../shared/case';
import type { Language } from '../../../../shared/ipc';
import { normalizeOfficeCode } from '../../../../shared/office';

/** An office of the registry in the reader's language; by its code when the hub has no name. */
export function registryOfficeName(
  office: Pick<RegistryOffice, 'code' | 'nameKk' | 'nameRu'>,
  language: Language,
): string {
  const name = language === 'kk' ? office.nameKk : office.nameRu;
  return name.trim() === '' ? office.code : name;
}

export interface OfficeRow {
  readonly office: RegistryOffice;
  /** Desks of the office the hub still serves. */
  readonly activeDesks: number;
  /** Every desk ever enrolled for it, revoked ones included. */
  readonly desks: number;
}

const officeOrder = (a: RegistryOffice, b: RegistryOffice): number =>
  a.kind !== b.kind
    ? a.kind === 'district'
      ? -1
      : 1
    : a.code < b.code
      ? -1
      : a.code > b.code
        ? 1
        : 0;

/** The district's offices with their desks counted: the department first, then akimats by code. */
export function officeRows(reply: RegistryReply): OfficeRow[] {
  return [...reply.offices].sort(officeOrder).map((office) => {
    const desks = reply.devices.filter((d) => d.officeId === office.id);
    return {
      office,
      activeDesks: desks.filter((d) => d.revokedAtMs === null).length,
      desks: desks.length,
    };
  });
}

export type DeviceState =
  { readonly kind: 'active' } | { readonly kind: 'revoked'; readonly atMs: number };

export interface DeviceRow {
  readonly device: RegistryDevice;
  readonly state: DeviceState;
  /** The desk the admin is sitting at. */
  readonly thisDesk: boolean;
  /** Offered a Revoke button: active, and not this desk. */
  readonly revocable: boolean;
}

export interface OfficeDevices {
  readonly officeId: string;
  /** null for a desk of an office the registry did not list (never expected; shown by its id). */
  readonly office: RegistryOffice | null;
  readonly devices: readonly DeviceRow[];
}

export function deviceRow(device: RegistryDevice, thisDeviceId: string): DeviceRow {
  const state: DeviceState =
    device.revokedAtMs === null
      ? { kind: 'active' }
      : { kind: 'revoked', atMs: device.revokedAtMs };
  const thisDesk = device.id === thisDeviceId;
  return { device, state, thisDesk, revocable: state.kind === 'active' && !thisDesk };
}

/** The desks grouped by office, in the offices' order, each group by desk number. */
export function devicesByOffice(reply: RegistryReply): OfficeDevices[] {
  const offices = [...reply.offices].sort(officeOrder);
  const known = new Set(offices.map((o) => o.id));
  const strays = [...new Set(reply.devices.map((d) => d.officeId))]
    .filter((id) => !known.has(id))
    .sort();
  const groups: { officeId: string; office: RegistryOffice | null }[] = [
    ...offices.map((office) => ({ officeId: office.id, office })),
    ...strays.map((officeId) => ({ officeId, office: null })),
  ];
  return groups.map(({ officeId, office }) => ({
    officeId,
    office,
    devices: reply.devices
      .filter((d) => d.officeId === officeId)
      .sort((a, b) => a.deviceNo - b.deviceNo)
      .map((d) => deviceRow(d, reply.thisDeviceId)),
  }));
}

export interface CodeRow {
  readonly code: RegistryCode;
  readonly state: EnrollmentCodeState;
  /** The desk the code enrolled, when the registry lists it. */
  readonly device: RegistryDevice | null;
}

/** The recent codes, newest first, each in its state at `nowMs`. */
export function codeRows(reply: RegistryReply, nowMs: number): CodeRow[] {
  const devices = new Map(reply.devices.map((d) => [d.id, d]));
  return [...reply.codes]
    .sort((a, b) => b.createdAtMs - a.createdAtMs)
    .map((code) => ({
      code,
      state: enrollmentCodeState(code, nowMs),
      device: code.usedByDevice === null ? null : (devices.get(code.usedByDevice) ?? null),
    }));
}

/** An enrollment code in the groups people read out and type (ABCD-EFGH-… → ['ABCD', 'EFGH', …]). */
export function codeGroups(code: string): string[] {
  return code.split('-').filter((g) => g !== '');
}

// ---- what the admin types ---------------------------------------------------------------------

export type HoursReading =
  | { readonly ok: true; readonly hours: number }
  | { readonly ok: false; readonly message: 'districtAdmin:codes.errors.hours' };

/** How long a new code is valid, as typed: empty is the default (72), else a whole 1–720. */
export function readHours(text: string): HoursReading {
  const typed = text.trim();
  if (typed === '') return { ok: true, hours: ADMIN_CODE_HOURS.default };
  const hours = /^\d{1,3}$/.test(typed) ? Number(typed) : NaN;
  return hours >= ADMIN_CODE_HOURS.min && hours <= ADMIN_CODE_HOURS.max
    ? { ok: true, hours }
    : { ok: false, message: 'districtAdmin:codes.errors.hours' };
}

/** A new okrug's akimat as typed into the form. */
export interface OfficeDraft {
  code: string;
  nameKk: string;
  nameRu: string;
}

export const EMPTY_OFFICE_DRAFT: OfficeDraft = { code: '', nameKk: '', nameRu: '' };

/** Office names travel as the hub keeps them: NFC, trimmed, inner runs of spaces as one. */
export function normalizeOfficeName(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

const NAME_MAX = 200;
/** A Latin letter beside a Cyrillic one: the keyboard layout switched in the middle of a word. */
const MIXED_SCRIPT = /[\u0400-\u04FF][A-Za-z]|[A-Za-z][\u0400-\u04FF]/u;

export type OfficeDraftErrors = Partial<Record<keyof OfficeDraft, string>>;

/** What is wrong with a draft, by field (message keys); `offices`: those the district has. */
export function officeDraftErrors(
  draft: OfficeDraft,
  offices: readonly Pick<RegistryOffice, 'code'>[],
): OfficeDraftErrors {
  const errors: OfficeDraftErrors = {};
  const code = normalizeOfficeCode(draft.code);
  if (code === '') errors.code = 'districtAdmin:offices.errors.codeRequired';
  else if (!isValidOfficeCode(code)) errors.code = 'districtAdmin:offices.errors.codeForm';
  else if (offices.some((o) => normalizeOfficeCode(o.code) === code)) {
    errors.code = 'districtAdmin:offices.errors.codeTaken';
  }
  for (const field of ['nameKk', 'nameRu'] as const) {
    const name = normalizeOfficeName(draft[field]);
    if (name === '') errors[field] = 'districtAdmin:offices.errors.nameRequired';
    else if (name.length > NAME_MAX) errors[field] = 'districtAdmin:offices.errors.nameTooLong';
    else if (MIXED_SCRIPT.test(name)) errors[field] = 'districtAdmin:offices.errors.nameMixed';
  }
  return errors;
}

/** The request's fields of a draft officeDraftErrors found nothing wrong with. */
export function toAddOffice(draft: OfficeDraft): OfficeDraft {
  return {
    code: normalizeOfficeCode(draft.code),
    nameKk: normalizeOfficeName(draft.nameKk),
    nameRu: normalizeOfficeName(draft.nameRu),
  };
}
