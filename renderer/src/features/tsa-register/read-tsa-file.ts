import { MAX_TSA_SIGNED_FILE_BYTES, type TsaTrust } from '../../../../shared/tsa-register';
import type { TsaParseReply, TsaParseRequest } from './tsa-parse.worker';
import { parseTsaBytesAtDesk, type DeskTsaRead } from './tsa-readers';

// Reads the file the specialist picked, with the rules the hub checks an uploaded file with
// (shared/tsa-register readTsaBytes), in a Web Worker so the page keeps answering while a large file
// is read. What must stay true:
// - A bad file is a value with a reason, never a throw, whichever thread read it.
// - The worker is our own script (worker-src 'self'); where none can be made (Node in the unit
//   tests, a shell that refuses workers) the same code runs on the calling thread.

export { decodeText, type DeskTsaRead, type TsaFileSignature } from './tsa-readers';

/** Larger than any okrug's list of recipients by far (a signed file: with its header). */
export const MAX_FILE_BYTES = MAX_TSA_SIGNED_FILE_BYTES;

/** A worker for one file, or null where workers cannot be made. */
function parsingWorker(): Worker | null {
  if (typeof Worker === 'undefined') return null;
  try {
    return new Worker(new URL('./tsa-parse.worker.ts', import.meta.url), { type: 'module' });
  } catch {
    return null;
  }
}

/**
 * Parses in the worker. A worker that cannot start (its script refused or missing) is no reason to
 * refuse the file: it is then read here, slower for the page but the same result.
 */
function parseInWorker(
  worker: Worker,
  bytes: ArrayBuffer,
  trust: TsaTrust | null,
): Promise<DeskTsaRead> {
  // The bytes are transferred to the worker; a copy is kept only for the fallback.
  const copy = bytes.slice(0);
  return new Promise<DeskTsaRead>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<TsaParseReply>) => {
      worker.terminate();
      if (event.data.ok) resolve(event.data.result);
      else reject(new Error(`TSA file parsing failed in its worker: ${event.data.message}`));
    };
    worker.onerror = (event) => {
      worker.terminate();
      console.error('TSA file worker did not start; reading on the page', event.message);
      parseTsaBytesAtDesk(new Uint8Array(copy), trust).then(resolve, reject);
    };
    const request: TsaParseRequest = { bytes, trust };
    worker.postMessage(request, [bytes]);
  });
}

/**
 * Reads an XLSX or CSV file, or one signed by the district (checked against `trust`, the joined hub's
 * key: tsaFileTrust), and validates its rows. Never throws for a bad file: it says why.
 */
export async function readTsaFile(file: Blob, trust: TsaTrust | null = null): Promise<DeskTsaRead> {
  // Checked before reading, so a wrong pick of a huge file is not read into memory.
  if (file.size > MAX_FILE_BYTES) return { ok: false, error: { key: 'tsaRegister:file.tooLarge' } };
  const bytes = await file.arrayBuffer();
  const worker = parsingWorker();
  if (worker === null) return parseTsaBytesAtDesk(new Uint8Array(bytes), trust);
  return parseInWorker(worker, bytes, trust);
}
