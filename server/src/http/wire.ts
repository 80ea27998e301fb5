// The hub's side of the sync wire format (shared/sync wire: JSON, gzip-compressed). The desk packs and
// unpacks with fflate (the same code runs in the renderer); the hub uses Node's own zlib for the same
// bytes at half fflate's cost (a page of 500 events: 2.8 ms against 5.8 ms; the profile of
// `npm run bench` had the hub's event loop packing pull pages most of the time). zlib's synchronous
// calls: its asynchronous ones kept the event loop busier than compressing in place (stream set-up and
// a thread-pool round trip per 16 KB). What must stay true:
// - A body is never unpacked past its limit (zlib's maxOutputLength stops a zip bomb while it
//   inflates), and the reasons are those of shared/sync decodeBody: tooLarge, else badBody.
// - What the hub packs, decodeBody reads, and what encodeBody packs, the hub reads (wire.test.ts).
// - A pull page is written around the event bodies exactly as PostgreSQL gives them (the jsonb's
//   text): no parse, no stringify, each body encoded to UTF-8 once (pullReplyBytes), and it parses
//   to the same value as JSON.stringify of the page would.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import { MAX_BODY_BYTES, SYNC_MEDIA_TYPE, type DecodedBody } from '../../../shared/sync';
import type { PulledEventText } from '../sync/event-log';

/** The level encodeBody packs at; the same size on the wire, whichever side packs. */
const LEVEL = 6;

/** Packs JSON bytes as a sync body. */
export function packBytes(json: Uint8Array): Buffer {
  return gzipSync(json, { level: LEVEL });
}

/** Packs a value as a sync body (JSON, gzip). */
export function packBody(value: unknown): Buffer {
  return packBytes(Buffer.from(JSON.stringify(value), 'utf8'));
}

/** Unpacks a sync body with a limit: the value, or the reason shared/sync decodeBody would give. */
export function unpackBody(bytes: Uint8Array, limit: number = MAX_BODY_BYTES): DecodedBody {
  let json: Buffer;
  try {
    json = gunzipSync(bytes, { maxOutputLength: limit });
  } catch (error) {
    const tooLarge = (error as { code?: unknown }).code === 'ERR_BUFFER_TOO_LARGE';
    return { ok: false, reason: tooLarge ? 'sync:errors.tooLarge' : 'sync:errors.badBody' };
  }
  try {
    return { ok: true, value: JSON.parse(json.toString('utf8')) as unknown };
  } catch {
    return { ok: false, reason: 'sync:errors.badBody' };
  }
}

/**
 * The JSON of a pull reply (shared/sync pullReplySchema) with each event's body copied in as stored.
 * The bodies are JSON the hub itself wrote (jsonb::text), so the result is JSON.
 */
export function pullReplyBytes(page: {
  readonly events: readonly PulledEventText[];
  readonly cursor: string;
  readonly more: boolean;
  readonly hubTimeMs: number;
}): Buffer {
  // Written part by part: one Buffer.concat of the parts measured faster under load than encoding
  // the joined reply at once (bench-hub saturation: 3,197 and 3,543 events/s by parts, 2,602 joined).
  const parts: Uint8Array[] = [Buffer.from('{"events":[')];
  page.events.forEach((e, i) => {
    const head = `${i === 0 ? '' : ','}{"stream":${JSON.stringify(e.stream)},"receivedAtMs":${JSON.stringify(e.receivedAtMs)},"event":`;
    parts.push(Buffer.from(head), Buffer.from(e.body, 'utf8'), Buffer.from('}'));
  });
  parts.push(
    Buffer.from(
      `],"cursor":${JSON.stringify(page.cursor)},"more":${JSON.stringify(page.more)},"hubTimeMs":${JSON.stringify(page.hubTimeMs)}}`,
    ),
  );
  return Buffer.concat(parts);
}

/**
 * Sends a packed sync body. The gzip is the media type's own (both ways), not an HTTP
 * content-encoding that clients would undo on their own: the desk unpacks with decodeBody and its
 * limit, as the hub does.
 */
export function sendPacked(reply: FastifyReply, packed: Buffer): FastifyReply {
  return reply.header('content-type', SYNC_MEDIA_TYPE).send(packed);
}
