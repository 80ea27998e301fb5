// The electron-builder afterPack hook (build/electron-builder.yml `afterPack`), bundled to
// dist/build/after-pack.cjs by `npm run dist`. It flips the Electron fuses of the packaged binary
// before electron-builder signs it (a fuse flipped after signing would break the signature). What
// must stay true:
// - Every fuse the wire of this @electron/fuses knows is set on purpose (strictlyRequireAllFuses), so
//   an Electron upgrade that adds a fuse fails the packaging until someone decides it.
// - No way into the shell's Node from outside: no ELECTRON_RUN_AS_NODE, no NODE_OPTIONS, no
//   --inspect; the app loads only from its asar archive, whose integrity is checked at start
//   (electron-builder writes the hash; Windows and macOS check it, Linux does not yet).
// - Cookies (the session's only secrets) are encrypted with the OS key store; file:// gets no extra
//   privileges (the desk is served on app://desk).
import { flipFuses, FuseV1Options, FuseVersion, type FuseV1Config } from '@electron/fuses';
import { join } from 'node:path';

/** The fuses of every packaged desk. */
export function deskFuses(platform: string): FuseV1Config {
  return {
    version: FuseVersion.V1,
    strictlyRequireAllFuses: true,
    // Flipping bytes in a macOS binary breaks its ad-hoc signature (arm64 refuses to start).
    resetAdHocDarwinSignature: platform === 'darwin' || platform === 'mas',
    [FuseV1Options.RunAsNode]: false,
    [FuseV1Options.EnableCookieEncryption]: true,
    [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
    [FuseV1Options.EnableNodeCliInspectArguments]: false,
    [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
    [FuseV1Options.OnlyLoadAppFromAsar]: true,
    [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
    [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  };
}

/** The part of electron-builder's AfterPackContext the hook reads. */
export interface PackedApp {
  readonly appOutDir: string;
  readonly electronPlatformName: string;
  readonly packager: {
    readonly appInfo: { readonly productFilename: string };
    /** Linux only: the executable's own name (electron-builder's LinuxPackager). */
    readonly executableName?: string;
  };
}

/** Where electron-builder put the Electron binary of the packed app (as its own fuse step finds it). */
export function packagedBinaryPath(context: PackedApp): string {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    case 'linux':
      return join(appOutDir, packager.executableName ?? packager.appInfo.productFilename);
    default:
      throw new Error(`afterPack: no Electron binary known for ${electronPlatformName}`);
  }
}

export type FlipFuses = (binaryPath: string, config: FuseV1Config) => Promise<number>;

/** The hook: flips the desk's fuses on the packed binary; fails the packaging if it cannot. */
export async function afterPack(context: PackedApp, flip: FlipFuses = flipFuses): Promise<void> {
  const binary = packagedBinaryPath(context);
  const wires = await flip(binary, deskFuses(context.electronPlatformName));
  if (wires < 1) throw new Error(`afterPack: no fuse wire flipped in ${binary}`);
}
