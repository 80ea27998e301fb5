// `npm run hub -- <command>`: the district admin's registry commands, run against the hub's database
// (DATABASE_URL, or the embedded PGlite folder). Messages are in the admin's language (HUB_LANGUAGE:
// kk or ru, default ru) from locales/{kk,ru}/hub.json.
//   district add --code AKK --name-kk "…" --name-ru "…"
//   office add --district AKK --code KZL01 --kind akimat|district --name-kk "…" --name-ru "…"
//   enroll --office KZL01 [--district AKK] [--hours 72]
//   revoke --device <device id>
//   calendar install --file <calendar data JSON>
//   figures install --file <income figures JSON> (shared/income figures.ts)
//   import <desk's sync file> [--reply <reply file>]
//   tsa upload --office KZL01 --file <xlsx|csv> [--district AKK] [--signed <out.akimat-tsa>]
import { readFileSync, writeFileSync } from 'node:fs';
import { userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import type { HubConfig } from './config';
import { migrate, openDatabase, readMigrations } from './db';
import { storeAttachment } from './attachments/upload-store';
import { installCalendarData } from './reference/reference';
import { installIncomeFigures } from './reference/income-figures';
import { readTsaUpload } from './reference/read-tsa-file';
import { uploadTsaRegister } from './reference/tsa-register';
import { importSyncFile } from './sync/sync-file-import';
import { ensureHubFileKeys, hubFileKeys, hubSubtle } from './sync/hub-file-keys';
import { signTsaFile, TSA_SIGNED_FILE_EXTENSION } from '../../shared/tsa-register';
import {
  addDistrict,
  addOffice,
  createEnrollmentCode,
  ENROLLMENT_CODE_TTL_HOURS,
  revokeDevice,
} from './registry/registry';
import type { OfficeKind } from '../../shared/office';
import { SYNC_FILE_EXTENSION } from '../../shared/sync';

const LOCALES = join(import.meta.dirname, '..', '..', 'locales');

type Messages = Record<string, unknown>;

function translator(
  language: 'kk' | 'ru',
): (key: string, values?: Record<string, string>) => string {
  const files: Record<string, Messages> = {};
  const load = (ns: string): Messages => {
    files[ns] ??= JSON.parse(
      readFileSync(join(LOCALES, language, `${ns}.json`), 'utf8'),
    ) as Messages;
    return files[ns];
  };
  return (key, values = {}) => {
    const [ns = '', path = ''] = key.split(':');
    let node: unknown = load(ns);
    for (const part of path.split('.')) {
      node = typeof node === 'object' && node !== null ? (node as Messages)[part] : undefined;
    }
    const text = typeof node === 'string' ? node : key;
    return text.replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? '');
  };
}

const OPTIONS = {
  code: { type: 'string' },
  'name-kk': { type: 'string' },
  'name-ru': { type: 'string' },
  district: { type: 'string' },
  office: { type: 'string' },
  kind: { type: 'string' },
  hours: { type: 'string' },
  device: { type: 'string' },
  file: { type: 'string' },
  reply: { type: 'string' },
  signed: { type: 'string' },
} as const;

/** Row errors of a refused TSA file printed at most; the rest are counted. */
const TSA_ERRORS_SHOWN = 20;

const stringValues = (values?: Record<string, string | number>): Record<string, string> =>
  Object.fromEntries(Object.entries(values ?? {}).map(([k, v]) => [k, String(v)]));

/** Where the reply to a desk's file goes unless --reply says: next to it, `….reply.akimat-sync`. */
export function replyPathFor(input: string): string {
  const stem = input.endsWith(SYNC_FILE_EXTENSION)
    ? input.slice(0, -SYNC_FILE_EXTENSION.length)
    : input;
  return `${stem}.reply${SYNC_FILE_EXTENSION}`;
}

/** Runs one command; returns the exit code. `print` receives each line of output. */
export async function runCli(
  args: readonly string[],
  config: HubConfig,
  env: { language: 'kk' | 'ru'; actor?: string; nowMs?: number },
  print: (line: string) => void,
): Promise<number> {
  const t = translator(env.language);
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: OPTIONS, allowPositionals: true });
  } catch {
    print(t('hub:cli.usage'));
    return 2;
  }
  const { values, positionals } = parsed;
  // `import <file>`: the file is the command's own positional.
  const command = positionals[0] === 'import' ? 'import' : positionals.join(' ');
  const actor = env.actor ?? `cli:${userInfo().username}`;
  const nowMs = env.nowMs ?? Date.now();
  const need = (...names: (keyof typeof OPTIONS)[]): boolean => {
    const missing = names.filter((n) => !values[n]);
    if (missing.length > 0)
      print(t('hub:cli.missing', { options: missing.map((n) => `--${n}`).join(' ') }));
    return missing.length === 0;
  };
  const known = [
    'district add',
    'office add',
    'enroll',
    'revoke',
    'calendar install',
    'figures install',
    'import',
    'tsa upload',
  ];
  if (!known.includes(command)) {
    print(t('hub:cli.usage'));
    return 2;
  }
  const db = await openDatabase(config.database);
  try {
    await migrate(db, await readMigrations());
    const report = (result: { ok: boolean; reason?: string }, done: () => string): number => {
      if (!result.ok) {
        print(t(result.reason ?? 'hub:cli.usage'));
        return 1;
      }
      print(done());
      return 0;
    };
    switch (command) {
      case 'district add': {
        if (!need('code', 'name-kk', 'name-ru')) return 2;
        const result = await addDistrict(
          db,
          {
            code: values.code ?? '',
            nameKk: values['name-kk'] ?? '',
            nameRu: values['name-ru'] ?? '',
          },
          actor,
        );
        return report(result, () => t('hub:cli.districtAdded', { code: values.code ?? '' }));
      }
      case 'office add': {
        if (!need('district', 'code', 'kind', 'name-kk', 'name-ru')) return 2;
        if (values.kind !== 'akimat' && values.kind !== 'district') {
          print(t('hub:cli.kind'));
          return 2;
        }
        const result = await addOffice(
          db,
          {
            districtCode: values.district ?? '',
            code: values.code ?? '',
            kind: values.kind as OfficeKind,
            nameKk: values['name-kk'] ?? '',
            nameRu: values['name-ru'] ?? '',
          },
          actor,
        );
        return report(result, () => t('hub:cli.officeAdded', { code: values.code ?? '' }));
      }
      case 'enroll': {
        if (!need('office')) return 2;
        const hours = values.hours === undefined ? ENROLLMENT_CODE_TTL_HOURS : Number(values.hours);
        if (!Number.isInteger(hours) || hours < 1 || hours > 720) {
          print(t('hub:cli.hours'));
          return 2;
        }
        const result = await createEnrollmentCode(
          db,
          {
            officeCode: values.office ?? '',
            ...(values.district ? { districtCode: values.district } : {}),
          },
          actor,
          nowMs,
          hours,
        );
        if (!result.ok) return report(result, () => '');
        const expires = result.value.expiresAt.toISOString().slice(0, 16).replace('T', ' ');
        print(t('hub:cli.enrollCode', { office: values.office ?? '', code: result.value.code }));
        print(t('hub:cli.enrollExpires', { at: `${expires} UTC` }));
        return 0;
      }
      case 'calendar install': {
        if (!need('file')) return 2;
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(values.file ?? '', 'utf8')) as unknown;
        } catch {
          print(t('hub:cli.fileUnreadable'));
          return 1;
        }
        const result = await installCalendarData(db, raw, actor);
        if (!result.ok) {
          print(t(result.reason));
          return 1;
        }
        print(t('hub:cli.calendarInstalled', { version: result.version }));
        return 0;
      }
      case 'figures install': {
        if (!need('file')) return 2;
        let raw: unknown;
        try {
          raw = JSON.parse(readFileSync(values.file ?? '', 'utf8')) as unknown;
        } catch {
          print(t('hub:cli.fileUnreadable'));
          return 1;
        }
        // Checked with the desk's own parser (shared/income parseIncomeFigures).
        const result = await installIncomeFigures(db, raw, actor);
        if (!result.ok) {
          print(t(result.reason));
          return 1;
        }
        print(t('income:hubCli.installed', { version: result.version }));
        return 0;
      }
      case 'tsa upload': {
        if (!need('office', 'file')) return 2;
        const file = values.file ?? '';
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(file);
        } catch {
          print(t('hub:cli.importUnreadable'));
          return 1;
        }
        // The desk's own rules (shared/tsa-register): a file is taken whole or not at all.
        const parsed = await readTsaUpload(bytes);
        if (!parsed.ok) {
          print(t('hub:cli.tsaRefused'));
          const text = t(parsed.error.key, stringValues(parsed.error.values));
          print(
            parsed.missing
              ? `${text} ${t('tsaRegister:import.missing', {
                  columns: parsed.missing.map((c) => t(`tsaRegister:columns.${c}`)).join(', '),
                })}`
              : text,
          );
          return 1;
        }
        if (parsed.errors.length > 0) {
          print(t('hub:cli.tsaRefused'));
          // Line numbers and reasons only: the rows' IINs and names are not echoed.
          for (const error of parsed.errors.slice(0, TSA_ERRORS_SHOWN)) {
            const reasons = error.reasons.map((r) => t(r.key, stringValues(r.values)));
            print(
              t('hub:cli.tsaRowError', { line: String(error.line), reasons: reasons.join('; ') }),
            );
          }
          if (parsed.errors.length > TSA_ERRORS_SHOWN) {
            const more = String(parsed.errors.length - TSA_ERRORS_SHOWN);
            print(t('hub:cli.tsaMoreErrors', { count: more }));
          }
          return 1;
        }
        const result = await uploadTsaRegister(
          db,
          {
            officeCode: values.office ?? '',
            ...(values.district ? { districtCode: values.district } : {}),
          },
          parsed.rows,
          basename(file),
          actor,
        );
        if (!result.ok) return report(result, () => '');
        print(
          t('hub:cli.tsaUploaded', {
            office: values.office ?? '',
            version: String(result.version),
            quarters: result.quarters.map((q) => `${q.quarter} — ${q.count}`).join(', '),
          }),
        );
        if (values.signed) {
          // The same bytes the hub just took, signed with the district's file-signing key, for a desk
          // that takes the register from a stick (shared/tsa-register signed-file). Only an uploaded
          // file is ever signed: what a desk trusts from a file is what its hub would deliver.
          await ensureHubFileKeys(db, result.districtId);
          const keys = await hubFileKeys(db, result.districtId);
          if (keys === null) return report({ ok: false, reason: 'hub:cli.tsaNotSigned' }, () => '');
          const out = values.signed.endsWith(TSA_SIGNED_FILE_EXTENSION)
            ? values.signed
            : `${values.signed}${TSA_SIGNED_FILE_EXTENSION}`;
          const signed = await signTsaFile(hubSubtle, keys.signing, {
            districtId: result.districtId,
            fileName: basename(file),
            signedAt: new Date(nowMs).toISOString(),
            content: new Uint8Array(bytes),
          });
          writeFileSync(out, signed);
          print(t('hub:cli.tsaSigned', { file: out }));
        }
        return 0;
      }
      case 'import': {
        const input = positionals[1];
        if (input === undefined || positionals.length > 2) {
          print(t('hub:cli.usage'));
          return 2;
        }
        let bytes: Uint8Array;
        try {
          bytes = readFileSync(input);
        } catch {
          print(t('hub:cli.importUnreadable'));
          return 1;
        }
        // The file's scans are kept as the district's copies, as a finished upload makes them.
        const result = await importSyncFile(db, bytes, nowMs, {
          storeScan: storeAttachment,
          maxScanBytes: config.attachmentMaxBytes,
        });
        if (!result.ok) {
          print(t(result.reason));
          return 1;
        }
        const { accepted, duplicate, rejected } = result.counts;
        print(
          t('hub:cli.imported', {
            accepted: String(accepted),
            duplicates: String(duplicate),
            rejected: String(rejected),
          }),
        );
        if (result.scansLeft > 0) {
          print(t('hub:cli.importScansLeft', { count: String(result.scansLeft) }));
        }
        const out = values.reply ?? replyPathFor(input);
        try {
          writeFileSync(out, result.reply);
        } catch {
          print(t('hub:cli.replyUnwritable', { file: out }));
          return 1;
        }
        print(t('hub:cli.replyWritten', { file: out }));
        return 0;
      }
      default: {
        if (!need('device')) return 2;
        const result = await revokeDevice(db, values.device ?? '', actor, nowMs);
        return report(result, () => t('hub:cli.revoked', { device: values.device ?? '' }));
      }
    }
  } finally {
    await db.close();
  }
}
