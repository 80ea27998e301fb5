// How a desk may reach its hub (ARCHITECTURE §5). What must stay true:
// - Beyond loopback the hub is spoken to over HTTPS only: a desk refuses to join a non-loopback hub
//   named with plain http, whatever else the address says.
// - The hub's key is pinned at enrollment: the pin is the base64 SHA-256 of the hub certificate's
//   SubjectPublicKeyInfo (DER), the same value the hub computes from its own certificate
//   (server/src/tls.ts) and the desktop shell compares on every TLS connection to the hub
//   (electron/main/pinning.ts). A loopback hub has no certificate and an empty pin.
// - Pure: no URL fetching, no Node; the desk and the hub decide "loopback" with this one function.

/** Host names that only ever reach the machine itself. */
const LOOPBACK_NAMES = new Set(['localhost', '127.0.0.1', '[::1]', '::1']);

/** Whether a URL's host name reaches this machine only (loopback names and 127.0.0.0/8). */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase();
  if (LOOPBACK_NAMES.has(host)) return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

export type HubAddressProblem =
  /** Not an http(s) address with a host, or it carries a user name, query or fragment. */
  | 'sync:transport.badAddress'
  /** Plain http to a hub that is not on this machine: refused, the link would be readable. */
  | 'sync:transport.plainHttp';

/** The hub's base address as the desk stores it (origin plus path, no trailing slash), or why not. */
export function checkHubAddress(
  address: string,
): { ok: true; url: string; loopback: boolean } | { ok: false; reason: HubAddressProblem } {
  let url: URL;
  try {
    url = new URL(address.trim());
  } catch {
    return { ok: false, reason: 'sync:transport.badAddress' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, reason: 'sync:transport.badAddress' };
  }
  if (url.hostname === '' || url.username !== '' || url.password !== '') {
    return { ok: false, reason: 'sync:transport.badAddress' };
  }
  if (url.search !== '' || url.hash !== '')
    return { ok: false, reason: 'sync:transport.badAddress' };
  const loopback = isLoopbackHost(url.hostname);
  if (url.protocol === 'http:' && !loopback)
    return { ok: false, reason: 'sync:transport.plainHttp' };
  const path = url.pathname.replace(/\/+$/, '');
  return { ok: true, url: `${url.origin}${path}`, loopback };
}

/** A pin as the hub hands it out: base64 of 32 bytes (44 characters), or '' for a loopback hub. */
export const HUB_KEY_PIN = /^(|[A-Za-z0-9+/]{43}=)$/;

/**
 * Whether a TLS connection to the hub may go on: `pin` is what the desk received at enrollment, `seen`
 * the pin of the certificate the connection presents. No pin stored (not joined yet, or a loopback
 * hub): the platform's own certificate check decides alone.
 */
export function pinMatches(pin: string, seen: string): boolean {
  return pin === '' || pin === seen;
}
