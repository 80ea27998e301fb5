// The sender loop of a hub process: every few seconds it queues the notices of newly signed results
// and hands due messages to the gateway (./outbox). It keeps nothing between rounds: several hub
// processes on one database each run one, and the rows' locks and leases keep them apart.
import type { SmsGatewayConfig } from '../config';
import type { HubDatabase } from '../db';
import { gatewayOf, type SmsGateway } from './gateway';
import { queueSignedResults, sendDue } from './outbox';

export interface SmsSenderLog {
  info(fields: Record<string, number | string>, message: string): void;
  error(fields: Record<string, number | string>, message: string): void;
}

export interface SmsSender {
  /** One round now (tests, and the loop itself). */
  round(): Promise<{ queued: number; handed: number; failed: number }>;
  /** Stops the loop; resolves once a round under way has finished. */
  stop(): Promise<void>;
}

/** Starts the loop with the gateway the settings name (or `gateway` itself). */
export function startSmsSender(
  db: HubDatabase,
  gateway: SmsGatewayConfig | SmsGateway,
  log: SmsSenderLog,
  options: { intervalMs?: number } = {},
): SmsSender {
  const sms = 'send' in gateway ? gateway : gatewayOf(gateway);
  const intervalMs = options.intervalMs ?? 5_000;
  let stopped = false;
  let running: Promise<unknown> = Promise.resolve();
  let timer: ReturnType<typeof setTimeout> | null = null;

  const round = async () => {
    let unreadable = 0;
    const queued = await queueSignedResults(db, () => {
      unreadable += 1;
    });
    // Ids only: which signed results could not be read, for whoever runs the hub to look at.
    if (unreadable > 0) log.error({ unreadable }, 'sms: signed results passed over');
    let handed = 0;
    let failed = 0;
    for (;;) {
      const results = await sendDue(db, sms);
      if (results.length === 0) break;
      for (const r of results) {
        if (r.state === 'failed') failed += 1;
        else handed += 1;
      }
      if (stopped) break;
    }
    // Counts only: no phone, no text, no case in the log.
    if (queued + handed + failed > 0) {
      log.info({ queued, handed, failed, gateway: sms.kind }, 'sms round');
    }
    return { queued, handed, failed };
  };

  const tick = () => {
    if (stopped) return;
    running = round()
      .catch((error: unknown) => {
        log.error({ error: error instanceof Error ? error.name : 'unknown' }, 'sms round failed');
      })
      .finally(() => {
        if (!stopped) timer = setTimeout(tick, intervalMs);
      });
  };
  timer = setTimeout(tick, 0);

  return {
    round,
    stop: async () => {
      stopped = true;
      if (timer !== null) clearTimeout(timer);
      await running;
    },
  };
}
