// The hub's side of the sync wire format (shared/sync wire: JSON, gzip-compressed). The desk packs and
// unpacks with fflate (the same code runs in the renderer); the hub uses Node's own zlib for the same
// format at half fflate's cost (a page of 500 events: 2.8 ms against 5.8 ms; the profile of
// `npm run bench` had the hub's event loop packing pull pages most of the time). zlib's synchronous
// calls: its asynchronous ones kept the event loop busier than compressing in place (stream set-up and
// a thread-pool round trip per 16 KB). What must stay true:
// - A body is never unpacked past its limit (zlib's maxOutputLength stops a zip bomb while it
//   inflates), and the reasons are those of shared/sync decodeBody: tooLarge, else badBody.
// - What the hub packs, decodeBody reads, and what encodeBody packs, the hub reads (wire.test.ts).
// - A pull page is written around the event bodies exactly as PostgreSQL gives them (the jsonb's
//   text): no parse, no stringify, each body encoded to UTF-8 once (packPullReply), and it parses
//   to the same value as JSON.stringify of the page would.
import { gunzipSync, gzipSync } from 'node:zlib';
import type { FastifyReply } from 'fastify';
import {
  MAX_BODY_BYTES,
  parseSyncJson,
  SYNC_MEDIA_TYPE,
  type DecodedBody,
} from '../../../shared/sync';
import type { PulledEventText } from '../sync/event-log';

/**
 * The level encodeBody packs at; the same size on the wire, whichever side packs. zlib's level 1
 * packs a pull page of 500 events (570 KB of JSON) in 0.5 ms against 1.9 ms here, but 40% larger
 * (11.4 KB against 8.2 KB): 3 µs of the hub's CPU an event is not worth the link's bytes, which are
 * what a village pays for.
 */
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
  return parseSyncJson(json.toString('utf8'));
}

/** A pull page as the hub sends it: its events' bodies as stored (jsonb::text), not parsed. */
export interface PullPage {
  readonly events: readonly PulledEventText[];
  readonly cursor: string;
  readonly more: boolean;
  readonly hubTimeMs: number;
}

/**
 * The work space pull replies are written into: one buffer for every reply, since a reply is written
 * and packed in one synchronous call (packPullReply) and nothing of it is kept. It grows to the
 * largest page, up to SCRATCH_KEPT; a larger page gets a buffer of its own.
 */
let scratch = Buffer.allocUnsafe(64 * 1024);
const SCRATCH_KEPT = 4 * 1024 * 1024;

/**
 * A pull reply (shared/sync pullReplySchema), packed, with each event's body copied in as stored. The
 * bodies are JSON the hub itself wrote (jsonb::text), so the reply is JSON.
 */
export function packPullReply(page: PullPage): Buffer {
  return packBytes(pullReplyBytes(page));
}

/**
 * The JSON of a pull reply, written into the work space: valid only until the next call. Written in
 * place: a page of 500 events (570 KB) from its rows to its packed bytes took 7.5–9.2 ms of CPU with
 * its 1,500 pieces as Buffers joined by Buffer.concat, 2.6–4.2 ms written here, 12–14 ms as one
 * joined string encoded at once (measured alone); in the hub's profile under bench-hub, writing
 * replies went from 1.9 s to 0.9 s.
 */
function pullReplyBytes(page: PullPage): Buffer {
  let out = scratch;
  let at = 0;
  const write = (text: string): void => {
    // UTF-8 takes at most 3 bytes for each UTF-16 unit of a string.
    const room = at + 3 * text.length;
    if (room > out.length) {
      const larger = Buffer.allocUnsafe(Math.max(room, 2 * out.length));
      out.copy(larger, 0, 0, at);
      out = larger;
      if (larger.length <= SCRATCH_KEPT) scratch = larger;
    }
    at += out.write(text, at, 'utf8');
  };
  write('{"events":[');
  page.events.forEach((e, i) => {
    write(
      `${i === 0 ? '' : ','}{"stream":${JSON.stringify(e.stream)},"receivedAtMs":${JSON.stringify(e.receivedAtMs)},"event":`,
    );
    write(e.body);
    write('}');
  });
  write(
    `],"cursor":${JSON.stringify(page.cursor)},"more":${JSON.stringify(page.more)},"hubTimeMs":${JSON.stringify(page.hubTimeMs)}}`,
  );
  return out.subarray(0, at);
}

/**
 * Sends a packed sync body. The gzip is the media type's own (both ways), not an HTTP
 * content-encoding that clients would undo on their own: the desk unpacks with decodeBody and its
 * limit, as the hub does.
 */
export function sendPacked(reply: FastifyReply, packed: Buffer): FastifyReply {
  return reply.header('content-type', SYNC_MEDIA_TYPE).send(packed);
}
