// The few web-platform globals that every runtime of shared/ provides (Chromium, Electron, Node 20+).
// shared/ has no DOM and no Node types; these declarations are the whole of what it may use from them.
declare class TextEncoder {
  encode(input?: string): Uint8Array;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: Uint8Array): string;
}
/** WHATWG URL parsing (shared/sync/transport), the members shared/ reads. */
declare class URL {
  constructor(input: string, base?: string);
  readonly protocol: string;
  readonly hostname: string;
  readonly username: string;
  readonly password: string;
  readonly search: string;
  readonly hash: string;
  readonly origin: string;
  readonly pathname: string;
}
