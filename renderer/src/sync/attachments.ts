// Scans to and from the district hub, on their own channel (ARCHITECTURE.md §4). What must stay true:
// - Uploads speak tus 1.0 through tus-js-client, in chunks; a try that breaks leaves the hub holding
//   a prefix, and the next call with the upload's URL continues from the offset the hub reports.
// - Downloads are Range requests of ATTACHMENT_CHUNK_BYTES; a try that breaks returns what arrived,
//   and the next call continues after it. A scan is handed over only when its SHA-256 is the one its
//   events name.
// - Everything goes through the injected `fetch` (the desk's pinned transport; a test's own), with
//   the desk's bearer credential; the same code runs in the Electron renderer and in Node.
// - Expected failures are values with a reason key that has kk and ru words (sync:attachments.*, or
//   the hub's own code such as sync:errors.deviceRevoked); nothing here throws for a broken link.
import {
  DetailedError,
  Upload,
  type FileReader as TusFileReader,
  type HttpRequest,
  type HttpResponse,
  type HttpStack,
} from 'tus-js-client';
import {
  ATTACHMENT_CHUNK_BYTES,
  ATTACHMENT_UPLOADS_PATH,
  attachmentPath,
} from '../../../shared/sync/attachments';
import { errorBodySchema } from '../../../shared/sync';

/** How the desk reaches its hub: the hub's address, the desk's credential and the transport. */
export interface HubLink {
  /** The hub's base URL, e.g. https://hub.akkol.kz (no trailing slash). */
  readonly hubUrl: string;
  readonly credential: string;
  readonly fetch: typeof fetch;
}

export type TransferFailure = {
  readonly ok: false;
  /** A message key with kk and ru words. */
  readonly reason: string;
};

export type UploadOutcome =
  | {
      readonly ok: true;
      /** The hub had the scan already (this desk or another sent it): nothing was sent. */
      readonly alreadyThere: boolean;
    }
  | TransferFailure;

export interface UploadOptions {
  /** Where a previous try stopped (given to `onUploadUrl` then): the upload continues there. */
  readonly uploadUrl?: string | null;
  /** Called once the hub made the upload; keep the URL to continue after a break. */
  readonly onUploadUrl?: (url: string) => void;
  readonly onProgress?: (sent: number, total: number) => void;
  readonly chunkSize?: number;
  /** Waits before tus-js-client tries again within this call (default: 0, 1 and 3 seconds). */
  readonly retryDelays?: readonly number[];
}

export type DownloadOutcome =
  | { readonly ok: true; readonly blob: Blob }
  | (TransferFailure & {
      /** What arrived so far; pass it back as `partial` to continue. */
      readonly partial: Blob;
    });

export interface DownloadOptions {
  /** What a previous try brought (its `partial`): the download continues after it. */
  readonly partial?: Blob;
  /** The media type the scan's event names, given to the returned Blob. */
  readonly mime?: string;
  readonly onProgress?: (received: number, total: number) => void;
  readonly chunkSize?: number;
}

const INTERRUPTED = 'sync:attachments.interrupted';

const authorization = (link: HubLink) => ({ authorization: `Bearer ${link.credential}` });

/** The reason key of an error body from the hub, or one that says what the status means. */
function reasonOf(status: number, body: string): string {
  try {
    const parsed = errorBodySchema.safeParse(JSON.parse(body));
    if (parsed.success) return parsed.data.code;
  } catch {
    // Not one of the hub's bodies (a proxy's page, a cut answer): described by its status below.
  }
  if (status === 401) return 'sync:errors.unknownDevice';
  if (status === 404) return 'sync:attachments.notFound';
  if (status === 413) return 'sync:attachments.tooLarge';
  if (status >= 500 || status === 0) return INTERRUPTED;
  return 'sync:errors.badBody';
}

// ---- tus-js-client over the injected fetch, reading Blobs (the same in the renderer and in Node) ----

class FetchRequest implements HttpRequest {
  private readonly headers: Record<string, string> = {};
  private readonly controller = new AbortController();
  private onProgress: (bytesSent: number) => void = () => undefined;

  constructor(
    private readonly doFetch: typeof fetch,
    private readonly method: string,
    private readonly url: string,
  ) {}

  getMethod(): string {
    return this.method;
  }
  getURL(): string {
    return this.url;
  }
  setHeader(header: string, value: string): void {
    this.headers[header] = value;
  }
  getHeader(header: string): string | undefined {
    return this.headers[header];
  }
  setProgressHandler(handler: (bytesSent: number) => void): void {
    this.onProgress = handler;
  }
  async send(body: Blob | null): Promise<HttpResponse> {
    const response = await this.doFetch(this.url, {
      method: this.method,
      headers: this.headers,
      ...(body ? { body } : {}),
      signal: this.controller.signal,
    });
    const text = await response.text();
    // fetch tells nothing of an upload's progress: the whole chunk counts once it is answered.
    if (body) this.onProgress(body.size);
    return new FetchResponse(response, text);
  }
  async abort(): Promise<void> {
    this.controller.abort();
  }
  getUnderlyingObject(): AbortController {
    return this.controller;
  }
}

class FetchResponse implements HttpResponse {
  constructor(
    private readonly response: Response,
    private readonly body: string,
  ) {}
  getStatus(): number {
    return this.response.status;
  }
  getHeader(header: string): string | undefined {
    return this.response.headers.get(header) ?? undefined;
  }
  getBody(): string {
    return this.body;
  }
  getUnderlyingObject(): Response {
    return this.response;
  }
}

function fetchStack(doFetch: typeof fetch): HttpStack {
  return {
    createRequest: (method, url) => new FetchRequest(doFetch, method, url),
    getName: () => 'akimat-fetch',
  };
}

const blobReader: TusFileReader = {
  openFile: async (input: Blob) => ({
    size: input.size,
    slice: async (start: number, end: number) => ({
      value: input.slice(start, end),
      done: end >= input.size,
    }),
    close: () => undefined,
  }),
};

/** The desk keeps where an upload stopped itself (attachment-sync rememberUploadUrl). */
const noUrlStorage = {
  findAllUploads: async () => [],
  findUploadsByFingerprint: async () => [],
  removeUpload: async () => undefined,
  addUpload: async () => '',
};

/** Whether the hub already serves this scan to this desk (then nothing needs sending). */
async function hubHas(link: HubLink, sha256: string): Promise<boolean | TransferFailure> {
  try {
    const response = await link.fetch(`${link.hubUrl}${attachmentPath(sha256)}`, {
      headers: { ...authorization(link), range: 'bytes=0-0' },
    });
    const body = await response.text();
    if (response.ok || response.status === 416) return true;
    if (response.status === 404) return false;
    return { ok: false, reason: reasonOf(response.status, body) };
  } catch {
    return { ok: false, reason: INTERRUPTED };
  }
}

/**
 * Sends one scan to the hub by tus, after the events that name it. A scan the hub already serves
 * to this desk is not sent again.
 */
export async function uploadAttachment(
  link: HubLink,
  scan: { readonly sha256: string; readonly blob: Blob },
  options: UploadOptions = {},
): Promise<UploadOutcome> {
  const has = await hubHas(link, scan.sha256);
  if (has === true) return { ok: true, alreadyThere: true };
  if (has !== false) return has;
  return new Promise<UploadOutcome>((resolve) => {
    const upload: Upload = new Upload(scan.blob, {
      endpoint: `${link.hubUrl}${ATTACHMENT_UPLOADS_PATH}`,
      uploadUrl: options.uploadUrl ?? null,
      headers: authorization(link),
      // The hash alone: the event carries the file's name, which may hold a person's name.
      metadata: { sha256: scan.sha256 },
      chunkSize: options.chunkSize ?? ATTACHMENT_CHUNK_BYTES,
      retryDelays: [...(options.retryDelays ?? [0, 1000, 3000])],
      uploadSize: scan.blob.size,
      httpStack: fetchStack(link.fetch),
      fileReader: blobReader,
      urlStorage: noUrlStorage,
      fingerprint: async () => `scan:${scan.sha256}`,
      storeFingerprintForResuming: false,
      onUploadUrlAvailable: () => {
        if (upload.url) options.onUploadUrl?.(upload.url);
      },
      onProgress: (sent, total) => options.onProgress?.(sent, total),
      onSuccess: () => resolve({ ok: true, alreadyThere: false }),
      onError: (error) => {
        const response = error instanceof DetailedError ? error.originalResponse : null;
        resolve({
          ok: false,
          reason: response ? reasonOf(response.getStatus(), response.getBody()) : INTERRUPTED,
        });
      },
    });
    upload.start();
  });
}

/** The total size N at the end of a Content-Range header (`bytes a-b/N`, or a star for a-b), or null. */
function totalOf(contentRange: string | null): number | null {
  const match = /\/(\d+)$/.exec(contentRange ?? '');
  return match ? Number(match[1]) : null;
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', await blob.arrayBuffer());
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches one scan from the hub, range by range; checks it against its hash before handing it over.
 * After a break the result holds what arrived: pass it back as `partial` to continue.
 */
export async function downloadAttachment(
  link: HubLink,
  sha256: string,
  options: DownloadOptions = {},
): Promise<DownloadOutcome> {
  const chunk = options.chunkSize ?? ATTACHMENT_CHUNK_BYTES;
  const type = options.mime ?? 'application/octet-stream';
  let have = options.partial ?? new Blob([], { type });
  const url = `${link.hubUrl}${attachmentPath(sha256)}`;
  for (;;) {
    let response: Response;
    let bytes: ArrayBuffer;
    try {
      response = await link.fetch(url, {
        headers: { ...authorization(link), range: `bytes=${have.size}-${have.size + chunk - 1}` },
      });
      bytes = await response.arrayBuffer();
    } catch {
      return { ok: false, reason: INTERRUPTED, partial: have };
    }
    let total: number | null;
    if (response.status === 206) {
      total = totalOf(response.headers.get('content-range'));
      have = new Blob([have, bytes], { type });
    } else if (response.status === 200) {
      // The whole scan (a hub or proxy may ignore a range).
      total = bytes.byteLength;
      have = new Blob([bytes], { type });
    } else if (response.status === 416) {
      // Nothing after what we have: complete, or what we had was not this scan.
      total = totalOf(response.headers.get('content-range'));
      if (total !== have.size) have = new Blob([], { type });
    } else {
      const reason = reasonOf(response.status, new TextDecoder().decode(bytes));
      return { ok: false, reason, partial: have };
    }
    if (total === null) return { ok: false, reason: 'sync:errors.badBody', partial: have };
    options.onProgress?.(have.size, total);
    if (have.size >= total) break;
  }
  if ((await sha256Hex(have)) !== sha256) {
    return { ok: false, reason: 'sync:attachments.hashMismatch', partial: new Blob([], { type }) };
  }
  return { ok: true, blob: have };
}
