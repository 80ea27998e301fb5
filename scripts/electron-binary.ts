import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ELECTRON_DIR = join(import.meta.dirname, '..', 'node_modules', 'electron');

/**
 * The path of the Electron binary, or null where it is not installed. The `electron` package is a
 * dependency, but its binary arrives by a download in its install script, which this machine
 * (npm 11 without install scripts, no access to GitHub) does not run. We read the package's
 * path.txt ourselves: requiring the package would start that download.
 */
export function findElectronBinary(): string | null {
  const pathFile = join(ELECTRON_DIR, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const binary = join(ELECTRON_DIR, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? binary : null;
}
