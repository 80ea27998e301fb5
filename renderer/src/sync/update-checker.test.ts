import { describe, expect, test, vi } from 'vitest';
import type { AkimatBridge, UpdateStatus } from '../../../shared/ipc';
import { CHECK_EVERY_MS, createUpdateChecker, updatePromptOf } from './update-checker';

const CREDENTIAL = 'k'.repeat(43);
const T0 = 1_760_000_000_000;

function fakeBridge(answers: {
  check?: UpdateStatus;
  download?: UpdateStatus;
  install?: boolean;
}): AkimatBridge {
  return {
    checkForUpdate: vi.fn(() => Promise.resolve(answers.check ?? { kind: 'unsupported' })),
    downloadUpdate: vi.fn(() => Promise.resolve(answers.download ?? { kind: 'unsupported' })),
    installUpdate: vi.fn(() => Promise.resolve(answers.install ?? false)),
  } as Partial<AkimatBridge> as AkimatBridge;
}

describe('updates after a sync (issue 11 §5)', () => {
  test('an offered update waits for the person: download, then install, each on a click', async () => {
    const bridge = fakeBridge({
      check: { kind: 'available', version: '0.2.0' },
      download: { kind: 'ready', version: '0.2.0' },
      install: true,
    });
    const checker = createUpdateChecker(bridge);
    await checker.check(CREDENTIAL, T0);
    expect(bridge.checkForUpdate).toHaveBeenCalledWith({ credential: CREDENTIAL });
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'available', version: '0.2.0' });
    expect(bridge.downloadUpdate).not.toHaveBeenCalled();
    await checker.download();
    expect(updatePromptOf(checker.getState())).toEqual({
      kind: 'ready',
      version: '0.2.0',
      installing: false,
    });
    expect(bridge.installUpdate).not.toHaveBeenCalled();
    await checker.install();
    expect(bridge.installUpdate).toHaveBeenCalledTimes(1);
  });

  test('a refused download says why and offers nothing to install', async () => {
    const bridge = fakeBridge({
      check: { kind: 'available', version: '0.2.0' },
      download: { kind: 'failed', reason: 'checksum' },
    });
    const checker = createUpdateChecker(bridge);
    await checker.check(CREDENTIAL, T0);
    await checker.download();
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'refused', reason: 'checksum' });
    await checker.install();
    expect(bridge.installUpdate).not.toHaveBeenCalled();
    checker.closeRefusal();
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'none' });
  });

  test('checks at most every half hour, and never again where updates are unsupported', async () => {
    const bridge = fakeBridge({ check: { kind: 'upToDate', version: '0.1.0' } });
    const checker = createUpdateChecker(bridge);
    await checker.check(CREDENTIAL, T0);
    await checker.check(CREDENTIAL, T0 + 60_000);
    expect(bridge.checkForUpdate).toHaveBeenCalledTimes(1);
    await checker.check(CREDENTIAL, T0 + CHECK_EVERY_MS);
    expect(bridge.checkForUpdate).toHaveBeenCalledTimes(2);
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'none' });

    const browser = fakeBridge({ check: { kind: 'unsupported' } });
    const quiet = createUpdateChecker(browser);
    await quiet.check(CREDENTIAL, T0);
    await quiet.check(CREDENTIAL, T0 + 2 * CHECK_EVERY_MS);
    expect(browser.checkForUpdate).toHaveBeenCalledTimes(1);
    expect(updatePromptOf(quiet.getState())).toEqual({ kind: 'none' });
  });

  test('a failed check is quiet and tried again at the next sync; later hides that version', async () => {
    const bridge = fakeBridge({ check: { kind: 'failed', reason: 'unreachable' } });
    const checker = createUpdateChecker(bridge);
    await checker.check(CREDENTIAL, T0);
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'none' });
    vi.mocked(bridge.checkForUpdate).mockResolvedValue({ kind: 'available', version: '0.2.0' });
    await checker.check(CREDENTIAL, T0 + 60_000);
    expect(updatePromptOf(checker.getState())).toMatchObject({ kind: 'available' });
    checker.later();
    expect(updatePromptOf(checker.getState())).toEqual({ kind: 'none' });
  });
});
