// A real hub for the desk's own tests (renderer/src/sync/attachments.test.ts), run as its own process
// with `tsx server/src/attachments/test-hub.ts`: a fresh embedded database, district AKK with the
// akimats of okrugs A (KZL01) and B (BTR02), one enrolled desk each whose people are registered. It
// prints one JSON line ({ url, desks }) and stops when its standard input closes.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sampleDirectoryEvent, sampleRegistration } from '../../../shared/directory/testing';
import { SYNC_PROTOCOL_VERSION, type TravellingEvent } from '../../../shared/sync';
import { readHubConfig } from '../config';
import { startHub } from '../hub';
import {
  addDistrict,
  addOffice,
  authenticateDevice,
  createEnrollmentCode,
  enrollDevice,
} from '../registry/registry';
import { pushEvents } from '../sync/event-log';

const dataDir = await mkdtemp(join(tmpdir(), 'akimat-desk-test-hub-'));
const hub = await startHub({
  ...readHubConfig({ HUB_PORT: '0', LOG_LEVEL: 'silent' }),
  database: { kind: 'pglite', dataDir },
});
await addDistrict(hub.db, { code: 'AKK', nameKk: 'Ақкөл', nameRu: 'Акколь' }, 'test');
const desks: Record<string, { credential: string; officeId: string; districtId: string }> = {};
for (const [name, code] of [
  ['A', 'KZL01'],
  ['B', 'BTR02'],
] as const) {
  await addOffice(
    hub.db,
    { districtCode: 'AKK', code, kind: 'akimat', nameKk: code, nameRu: code },
    'test',
  );
  const made = await createEnrollmentCode(hub.db, { officeCode: code }, 'test', Date.now());
  if (!made.ok) throw new Error(made.reason);
  const enrolled = await enrollDevice(
    hub.db,
    {
      protocol: SYNC_PROTOCOL_VERSION,
      code: made.value.code,
      devicePublicKey: { kty: 'EC', crv: 'P-256', x: 'AAAA', y: 'BBBB' },
      deviceAgreementKey: { kty: 'EC', crv: 'P-256', x: 'CCCC', y: 'DDDD' },
    },
    Date.now(),
  );
  if (!enrolled.ok) throw new Error(enrolled.reason);
  const known = await authenticateDevice(hub.db, enrolled.reply.credential);
  if (!known.ok) throw new Error(known.reason);
  const officeId = known.device.officeId;
  // The office's akim (registering themselves) and its specialist.
  const akim = `${officeId}/user-akim`;
  const staff: TravellingEvent[] = (['akim', 'specialist'] as const).map((role, i) => {
    const event = sampleDirectoryEvent('UserRegistered', {
      id: `${officeId}-u${i + 1}`,
      counter: i + 1,
      userId: `${officeId}/user-${role}`,
      actorId: akim,
      payload: { ...sampleRegistration(role), officeId, districtId: 'AKK' },
    });
    return {
      stream: 'user',
      event: { ...event, actor: { ...event.actor, officeId, districtId: 'AKK' } },
    };
  });
  const receipts = await pushEvents(hub.db, known.device, staff, Date.now());
  if (receipts.some((r) => r.status !== 'accepted')) throw new Error('staff not accepted');
  desks[name] = { credential: enrolled.reply.credential, officeId, districtId: 'AKK' };
}

process.stdout.write(`${JSON.stringify({ url: hub.url, desks })}\n`);

const stop = async () => {
  await hub.stop();
  await rm(dataDir, { recursive: true, force: true });
  process.exit(0);
};
process.stdin.on('end', () => void stop());
process.stdin.on('close', () => void stop());
process.stdin.resume();
process.on('SIGTERM', () => void stop());
