import { BRIDGE_KEY, type AkimatBridge } from '../../../shared/ipc';
import { createBrowserPlatform } from './browser-platform';

/**
 * The rest of the renderer talks to the shell only through this module: the Electron preload's bridge
 * when it exists, otherwise a browser implementation with the same contract.
 */
export function getPlatform(): AkimatBridge {
  const bridge = (window as unknown as Record<string, AkimatBridge | undefined>)[BRIDGE_KEY];
  return bridge ?? createBrowserPlatform();
}
