import { getCurrentFuseWire, FuseV1Options } from '@electron/fuses';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { afterPack, deskFuses, packagedBinaryPath, type PackedApp } from './after-pack';

// The fuse wire as Electron ships it: a sentinel, the wire's version and length, one byte per fuse
// ('0' off, '1' on). Electron's defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on,
// inspect flags on, asar integrity off, asar only off, V8 snapshot off, file:// privileges on.
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const ELECTRON_DEFAULTS = '10110001';
/** @electron/fuses' FuseState (not exported by its index): the wire's bytes '0' and '1'. */
const FuseState = { DISABLE: 48, ENABLE: 49 } as const;

function fakeElectronBinary(wire = ELECTRON_DEFAULTS): Buffer {
  return Buffer.concat([
    Buffer.from('\x7fELF fake electron binary, code before the wire\n'),
    Buffer.from(SENTINEL),
    Buffer.from([1, wire.length]),
    Buffer.from(wire),
    Buffer.from('\ncode after the wire\n'),
  ]);
}

const dirs: string[] = [];
afterEach(async () => {
  for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
});

async function packedLinuxApp(wire?: string): Promise<PackedApp> {
  const appOutDir = await mkdtemp(join(tmpdir(), 'akimat-after-pack-'));
  dirs.push(appOutDir);
  await writeFile(join(appOutDir, 'akimat-desk'), fakeElectronBinary(wire));
  return {
    appOutDir,
    electronPlatformName: 'linux',
    packager: { appInfo: { productFilename: 'Akimat Desk' }, executableName: 'akimat-desk' },
  };
}

describe('Electron fuses at packaging (issue 11 §4)', () => {
  test('the desk’s fuses: no RunAsNode, NODE_OPTIONS or inspect; asar only, with integrity', () => {
    const fuses = deskFuses('win32');
    expect(fuses.strictlyRequireAllFuses).toBe(true);
    expect(fuses[FuseV1Options.RunAsNode]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(fuses[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(fuses[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(fuses[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(fuses[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(fuses[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(fuses.resetAdHocDarwinSignature).toBe(false);
    expect(deskFuses('darwin').resetAdHocDarwinSignature).toBe(true);
  });

  test('the hook calls flipFuses with them on the packaged binary of each platform', async () => {
    const flip = vi.fn(() => Promise.resolve(1));
    const packager = { appInfo: { productFilename: 'Akimat Desk' } };
    await afterPack(
      { appOutDir: '/out/win-unpacked', electronPlatformName: 'win32', packager },
      flip,
    );
    expect(flip).toHaveBeenCalledWith(
      join('/out/win-unpacked', 'Akimat Desk.exe'),
      deskFuses('win32'),
    );
    await afterPack({ appOutDir: '/out/mac', electronPlatformName: 'darwin', packager }, flip);
    expect(flip).toHaveBeenLastCalledWith(join('/out/mac', 'Akimat Desk.app'), deskFuses('darwin'));
    const linux = { ...packager, executableName: 'akimat-desk' };
    expect(
      packagedBinaryPath({
        appOutDir: '/out/linux-unpacked',
        electronPlatformName: 'linux',
        packager: linux,
      }),
    ).toBe(join('/out/linux-unpacked', 'akimat-desk'));
  });

  test('with the real @electron/fuses, the packed binary’s wire ends up as the desk wants', async () => {
    const app = await packedLinuxApp();
    await afterPack(app);
    const wire = await getCurrentFuseWire(packagedBinaryPath(app));
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableCookieEncryption]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
  });

  test('an Electron with a fuse nobody decided on fails the packaging', async () => {
    const app = await packedLinuxApp(`${ELECTRON_DEFAULTS}1`);
    await expect(afterPack(app)).rejects.toThrow(/strictlyRequireAllFuses/);
  });

  test('a binary without a fuse wire fails the packaging', async () => {
    const app = await packedLinuxApp();
    await writeFile(packagedBinaryPath(app), 'not electron');
    await expect(afterPack(app)).rejects.toThrow(/sentinel/);
  });
});

describe('the packaging config', () => {
  test('runs this hook after packing, and no second fuse step of electron-builder’s own', async () => {
    const { readFile } = await import('node:fs/promises');
    const root = join(import.meta.dirname, '..', '..');
    const yml = await readFile(join(root, 'build', 'electron-builder.yml'), 'utf8');
    expect(yml).toMatch(/^afterPack: \.\/dist\/build\/after-pack\.cjs$/m);
    expect(yml).not.toMatch(/^electronFuses:/m);
    const vite = await readFile(join(root, 'vite.electron.config.ts'), 'utf8');
    expect(vite).toContain(`'after-pack': 'electron/packaging/after-pack.ts'`);
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['dist']).toContain('--mode after-pack');
  });
});
