import type { TsaTrust } from '../../../../shared/tsa-register';
import { parseTsaBytesAtDesk, type DeskTsaRead } from './tsa-readers';

// Parses a register file off the page's thread: a 20 MB CSV or a large workbook takes seconds to
// read and check, and the desk must keep answering meanwhile (ARCHITECTURE §1: the desk never
// freezes). One request per worker: the page makes a worker for a file and ends it with the answer.

/** What the page sends: the file's bytes, transferred (not copied), and what it must be signed by. */
export interface TsaParseRequest {
  readonly bytes: ArrayBuffer;
  readonly trust: TsaTrust | null;
}

/** What the worker answers: the result, or that parsing threw (a bug: bad files are values). */
export type TsaParseReply =
  | { readonly ok: true; readonly result: DeskTsaRead }
  | { readonly ok: false; readonly message: string };

// The renderer's lib is DOM; in a dedicated worker `self` has postMessage(message) and onmessage.
const scope = self as unknown as {
  onmessage: ((event: MessageEvent<TsaParseRequest>) => void) | null;
  postMessage(message: TsaParseReply): void;
};

scope.onmessage = (event) => {
  parseTsaBytesAtDesk(new Uint8Array(event.data.bytes), event.data.trust).then(
    (result) => scope.postMessage({ ok: true, result }),
    (error: unknown) => scope.postMessage({ ok: false, message: String(error) }),
  );
};
