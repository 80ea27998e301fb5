import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The path of the Electron binary, or null where it is not installed. The `electron` package is a
 * dependency, but its binary arrives by a download in its install script, which this machine
 * (npm 11 without install scripts, no access to GitHub) does not run.
 */
export function findElectronBinary(): string | null {
  try {
    const require = createRequire(import.meta.url);
    const path = require('electron') as unknown;
    return typeof path === 'string' && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}
