import { spawnSync } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';

// scripts/system-packages.sh against a fake machine: a folder standing for `/` (AKIMAT_SYSPKG_ROOT),
// a fake apt-get that logs its arguments and "installs" by creating the files the script checks,
// and a fake sudo that either runs the command (passwordless) or refuses.

const ROOT = join(import.meta.dirname, '..');
const SCRIPT = join(ROOT, 'scripts', 'system-packages.sh');
const TSX = join(ROOT, 'node_modules', '.bin', 'tsx');

/** The file (or folder, ending in /) each package brings, relative to the fake root. */
const PACKAGE_FILES: Record<string, string> = {
  chromium: 'usr/bin/chromium',
  postgresql: 'usr/lib/postgresql/15/bin/initdb',
  'poppler-utils': 'usr/bin/pdftotext',
  'fonts-dejavu-core': 'usr/share/fonts/truetype/dejavu/',
};

const FAKE_APT = `#!/usr/bin/env bash
echo "apt-get DEBIAN_FRONTEND=\${DEBIAN_FRONTEND:-} $*" >> "$FAKE_LOG"
[ "$1" = install ] || exit 0
[ "\${FAKE_APT_FAIL:-0}" = 1 ] && exit 100
for pkg in "$@"; do
  case "$pkg" in
${Object.entries(PACKAGE_FILES)
  .map(([pkg, file]) =>
    file.endsWith('/')
      ? `    ${pkg}) mkdir -p "$AKIMAT_SYSPKG_ROOT/${file}" ;;`
      : `    ${pkg}) mkdir -p "$(dirname "$AKIMAT_SYSPKG_ROOT/${file}")" && : > "$AKIMAT_SYSPKG_ROOT/${file}" && chmod +x "$AKIMAT_SYSPKG_ROOT/${file}" ;;`,
  )
  .join('\n')}
  esac
done
`;

const FAKE_SUDO_YES = `#!/usr/bin/env bash
echo "sudo $*" >> "$FAKE_LOG"
[ "$1" = -n ] && shift
exec "$@"
`;

const FAKE_SUDO_NO = `#!/usr/bin/env bash
echo "sudo $*" >> "$FAKE_LOG"
echo "sudo: a password is required" >&2
exit 1
`;

let dir: string;
let fakeRoot: string;
let log: string;

function writeExecutable(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
  chmodSync(path, 0o755);
}

/** Puts the files of these packages into the fake root. */
function install(...packages: string[]): void {
  for (const pkg of packages) {
    const file = PACKAGE_FILES[pkg];
    if (!file) throw new Error(`unknown package ${pkg}`);
    if (file.endsWith('/')) mkdirSync(join(fakeRoot, file), { recursive: true });
    else writeExecutable(join(fakeRoot, file), '');
  }
}

function hookEnv(options: { asRoot: boolean; sudo: 'yes' | 'no'; aptFails?: boolean }) {
  // The script sets DEBIAN_FRONTEND for the install only; an outer one would hide that.
  const { DEBIAN_FRONTEND: _outer, ...env } = process.env;
  return {
    ...env,
    AKIMAT_SYSPKG_ROOT: fakeRoot,
    AKIMAT_SYSPKG_AS_ROOT: options.asRoot ? '1' : '0',
    AKIMAT_SYSPKG_SUDO: join(dir, options.sudo === 'yes' ? 'sudo-yes' : 'sudo-no'),
    AKIMAT_SYSPKG_APT: join(dir, 'apt-get'),
    FAKE_LOG: log,
    FAKE_APT_FAIL: options.aptFails ? '1' : '0',
  };
}

function runScript(options: { asRoot: boolean; sudo: 'yes' | 'no'; aptFails?: boolean }) {
  const result = spawnSync('bash', [SCRIPT], { env: hookEnv(options), encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

function calls(): string[] {
  return existsSync(log) ? readFileSync(log, 'utf8').trim().split('\n') : [];
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'akimat-syspkg-'));
  fakeRoot = join(dir, 'root');
  log = join(dir, 'calls.log');
  mkdirSync(fakeRoot);
  writeExecutable(join(dir, 'apt-get'), FAKE_APT);
  writeExecutable(join(dir, 'sudo-yes'), FAKE_SUDO_YES);
  writeExecutable(join(dir, 'sudo-no'), FAKE_SUDO_NO);
});

afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('scripts/system-packages.sh', () => {
  test('nothing missing: exits 0 silently and calls neither sudo nor apt-get', () => {
    install('chromium', 'postgresql', 'poppler-utils', 'fonts-dejavu-core');
    const result = runScript({ asRoot: false, sudo: 'no' });
    expect(result.status).toBe(0);
    expect(result.output).toBe('');
    expect(calls()).toEqual([]);
  });

  test('missing as root: updates, installs exactly the missing packages, and a second run does nothing', () => {
    install('postgresql', 'fonts-dejavu-core');
    const result = runScript({ asRoot: true, sudo: 'no' });
    expect(result.status).toBe(0);
    expect(calls()).toEqual([
      'apt-get DEBIAN_FRONTEND= update -qq',
      'apt-get DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends chromium poppler-utils',
    ]);

    const again = runScript({ asRoot: true, sudo: 'no' });
    expect(again.status).toBe(0);
    expect(again.output).toBe('');
    expect(calls()).toHaveLength(2);
  });

  test('missing, not root, passwordless sudo: installs through sudo -n', () => {
    install('chromium', 'poppler-utils', 'fonts-dejavu-core');
    const result = runScript({ asRoot: false, sudo: 'yes' });
    expect(result.status).toBe(0);
    expect(calls()).toEqual([
      'sudo -n true',
      `sudo -n ${join(dir, 'apt-get')} update -qq`,
      'apt-get DEBIAN_FRONTEND= update -qq',
      `sudo -n env DEBIAN_FRONTEND=noninteractive ${join(dir, 'apt-get')} install -y --no-install-recommends postgresql`,
      'apt-get DEBIAN_FRONTEND=noninteractive install -y --no-install-recommends postgresql',
    ]);
  });

  test('missing, not root, no passwordless sudo: stops with the exact command and installs nothing', () => {
    install('postgresql', 'fonts-dejavu-core');
    const result = runScript({ asRoot: false, sudo: 'no' });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'sudo apt-get install -y --no-install-recommends chromium poppler-utils',
    );
    expect(calls()).toEqual(['sudo -n true']);
    expect(existsSync(join(fakeRoot, PACKAGE_FILES['chromium'] ?? ''))).toBe(false);
  });

  test('a failed install is a failure', () => {
    const result = runScript({ asRoot: true, sudo: 'no', aptFails: true });
    expect(result.status).not.toBe(0);
    expect(result.output).toContain(
      'apt-get install -y --no-install-recommends chromium postgresql poppler-utils fonts-dejavu-core',
    );
  });
});

describe('npm test with system packages missing', () => {
  test('stops before any other step and ends with 0 passed, 1 failed', () => {
    const result = spawnSync(TSX, ['scripts/test.ts'], {
      cwd: ROOT,
      env: hookEnv({ asRoot: false, sudo: 'no' }),
      encoding: 'utf8',
    });
    expect(result.status).not.toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines.at(-1)).toBe('0 passed, 1 failed');
    expect(result.stdout).not.toContain('format (prettier)');
    expect(result.stderr).toContain('sudo apt-get install -y --no-install-recommends chromium');
  });
});
