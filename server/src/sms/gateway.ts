// The SMS gateway the hub hands notices to (R-DEC-2, 003:49), behind one interface with two adapters.
// What must stay true:
// - `outbox` (the default) records the message as handed over and nothing leaves the machine: a
//   district without a gateway contract still sees every notice it owes in the outbox.
// - `http` POSTs JSON to the configured gateway with `Authorization: Bearer`, and an idempotency key
//   (the message's own id), so a message sent again after a lost answer is one SMS at an honest
//   gateway. 5xx answers, timeouts and network failures are tried again with growing pauses; any
//   other answer is final. A 2xx answer must name the gateway's id for the message.
// - A result is a value, never a throw: the sender records it on the message's row.
// - The token and the phone never reach a log or a failure reason.
import type { SmsGatewayConfig } from '../config';

export interface SmsMessage {
  /** The message's own id (its ResultSigned event's id): the gateway's idempotency key. */
  readonly id: string;
  /** E.164. */
  readonly phone: string;
  readonly language: 'kk' | 'ru';
  readonly text: string;
}

export type SmsSendResult =
  | { readonly state: 'recorded' }
  | { readonly state: 'sent'; readonly gatewayId: string; readonly attempts: number }
  | { readonly state: 'failed'; readonly reason: string; readonly attempts: number };

export interface SmsGateway {
  readonly kind: SmsGatewayConfig['kind'];
  /** The longest one send may take, all its tries and pauses included (the claim's lease). */
  readonly maxDurationMs: number;
  send(message: SmsMessage): Promise<SmsSendResult>;
}

/** The default: the message is recorded as handed over; nothing leaves the machine. */
export const outboxGateway: SmsGateway = {
  kind: 'outbox',
  maxDurationMs: 1_000,
  send: () => Promise.resolve({ state: 'recorded' }),
};

export interface HttpGatewayOptions {
  readonly url: string;
  readonly token: string;
  /** Tries in all before the message is failed (default 4). */
  readonly attempts?: number;
  /** The pause after the first failed try; each next one doubles (default 1 s). */
  readonly backoffMs?: number;
  /** How long one try may take (default 10 s). */
  readonly timeoutMs?: number;
  /** Waits between tries (tests pass a quick one). */
  readonly sleep?: (ms: number) => Promise<void>;
}

const sleepFor = (ms: number) =>
  new Promise<void>((resolve) => {
    setTimeout(resolve, ms);
  });

type TryOutcome =
  | { kind: 'sent'; gatewayId: string }
  | { kind: 'retry'; reason: string }
  | { kind: 'final'; reason: string };

async function tryOnce(options: HttpGatewayOptions, message: SmsMessage): Promise<TryOutcome> {
  let response: Response;
  try {
    response = await fetch(options.url, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${options.token}`,
        'content-type': 'application/json',
        'idempotency-key': message.id,
      },
      body: JSON.stringify({
        id: message.id,
        to: message.phone,
        text: message.text,
        language: message.language,
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      redirect: 'error',
    });
  } catch (error) {
    const timedOut = error instanceof Error && error.name === 'TimeoutError';
    return { kind: 'retry', reason: timedOut ? 'timeout' : 'network' };
  }
  if (response.status >= 500) {
    await response.body?.cancel();
    return { kind: 'retry', reason: `http ${response.status}` };
  }
  if (response.status < 200 || response.status >= 300) {
    await response.body?.cancel();
    return { kind: 'final', reason: `http ${response.status}` };
  }
  let reply: unknown;
  try {
    reply = await response.json();
  } catch {
    return { kind: 'final', reason: 'reply not JSON' };
  }
  const id = (reply as { id?: unknown } | null)?.id;
  if (typeof id === 'string' && id.length > 0 && id.length <= 200) {
    return { kind: 'sent', gatewayId: id };
  }
  if (typeof id === 'number' && Number.isSafeInteger(id))
    return { kind: 'sent', gatewayId: String(id) };
  return { kind: 'final', reason: 'reply without id' };
}

/** A real gateway over HTTP(S). */
export function httpGateway(options: HttpGatewayOptions): SmsGateway {
  const attempts = Math.max(1, options.attempts ?? 4);
  const backoffMs = options.backoffMs ?? 1_000;
  const timeoutMs = options.timeoutMs ?? 10_000;
  const sleep = options.sleep ?? sleepFor;
  return {
    kind: 'http',
    // Every try at its timeout, every pause, and a minute to spare.
    maxDurationMs: attempts * timeoutMs + backoffMs * (2 ** attempts - 1) + 60_000,
    async send(message) {
      let reason = '';
      for (let attempt = 1; attempt <= attempts; attempt++) {
        const outcome = await tryOnce(options, message);
        if (outcome.kind === 'sent') {
          return { state: 'sent', gatewayId: outcome.gatewayId, attempts: attempt };
        }
        reason = outcome.reason;
        if (outcome.kind === 'final') return { state: 'failed', reason, attempts: attempt };
        if (attempt < attempts) await sleep(backoffMs * 2 ** (attempt - 1));
      }
      return { state: 'failed', reason: `${reason} after ${attempts} attempts`, attempts };
    },
  };
}

/** The gateway the hub's settings name. */
export function gatewayOf(config: SmsGatewayConfig): SmsGateway {
  switch (config.kind) {
    case 'outbox':
      return outboxGateway;
    case 'http':
      return httpGateway({ url: config.url, token: config.token });
  }
}
