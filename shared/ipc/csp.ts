/**
 * The Content-Security-Policy of the desk's pages, the same in the Electron shell (app:// protocol)
 * and when the hub serves the renderer to a browser. No remote content and no inline script, ever;
 * the only other origin the renderer may talk to is the district hub.
 */
export function deskContentSecurityPolicy(hubOrigin: string | null): string {
  const connect = hubOrigin ? `'self' ${hubOrigin}` : `'self'`;
  return [
    `default-src 'self'`,
    // 'wasm-unsafe-eval' lets WebAssembly compile (argon2id for the recovery passphrase, hash-wasm);
    // it allows no eval of JavaScript and no script from anywhere else.
    `script-src 'self' 'wasm-unsafe-eval'`,
    `style-src 'self'`,
    `img-src 'self' data: blob:`,
    `font-src 'self'`,
    `connect-src ${connect}`,
    `frame-src 'self' blob:`,
    // The XLSX writer compresses large sheets in a worker made from a blob: URL of our own code.
    `worker-src 'self' blob:`,
    // A scan's PDF opens in a frame on a blob: URL of the desk's own attachment store; that document
    // inherits this policy, and Chromium's PDF viewer is a plugin there: with object-src 'none' it
    // stays an empty grey box (seen at 1366×768). blob: only, never a remote or file URL.
    `object-src blob:`,
    `base-uri 'none'`,
    `form-action 'none'`,
    `frame-ancestors 'none'`,
  ].join('; ');
}
