// The answers the hub gives before any route is reached: a URL fastify cannot route (a broken
// percent-escape, an overlong parameter) and a request node cannot parse at all (broken framing,
// oversized headers). What must stay true:
// - They are `{ code }` like every other error body (shared/sync errorBodySchema): never the URL (a
//   query string may hold an IIN), a message or a stack.
// - They are never a 5xx: the fault is the request's.
import { STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ErrorBody } from '../../../shared/sync';

/** A URL fastify meets before any route: no request the hub has (FST_ERR_BAD_URL, …PARAM_LENGTH). */
export function frameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  const status = error.statusCode !== undefined && error.statusCode < 500 ? error.statusCode : 400;
  void reply.code(status).send({ code: 'hub:errors.notFound' } satisfies ErrorBody);
}

/** A request node cannot parse: answered on the socket with a code, as fastify would, then closed. */
export function clientError(error: Error & { code?: string }, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || socket.destroyed) return;
  const [status, code]: [number, ErrorBody['code']] =
    error.code === 'HPE_HEADER_OVERFLOW'
      ? [431, 'sync:errors.tooLarge']
      : error.code === 'ERR_HTTP_REQUEST_TIMEOUT'
        ? [408, 'sync:errors.badBody']
        : [400, 'sync:errors.badBody'];
  const body = JSON.stringify({ code } satisfies ErrorBody);
  if (socket.writable) {
    socket.write(
      `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nContent-Type: application/json\r\n` +
        `Connection: close\r\n\r\n${body}`,
    );
  }
  socket.destroy(error);
}
