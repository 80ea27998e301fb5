// Hub processes for the e2e tests: the hub as it runs in production, a separate OS process started
// with `tsx server/src/main.ts` (what `npm run hub` runs), and a front that spreads a desk's requests
// over several of them, as a load balancer in front of a district's hub processes does. What must
// stay true:
// - A hub process is started by its entry point with nothing but its environment (DATABASE_URL,
//   HUB_PORT=0, HUB_HOST); its address is what it reports in its own start line, and it counts as up
//   only once it answers GET /v1/hello.
// - A process is ended by its own pid only; `stop` waits until it has exited (SIGTERM, then SIGKILL).
// - The front only moves requests between hub origins; it never changes a method, header or body.
//   A backend that refuses the connection (no answer at all, so the request never reached it) is
//   taken out of the rotation and the request goes to the next live one: what a balancer's passive
//   health check does. Any other failure reaches the desk as it happened.
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import type { FetchLike } from '../../shared/sync';
import type { SyncPlatform } from '../../renderer/src/sync/engine';

const ROOT = join(import.meta.dirname, '..', '..');
const START_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
/** Lines of a process's output kept for a failure message and for counting requests. */
const KEPT_LINES = 5_000;

export interface HubProcess {
  readonly label: string;
  readonly pid: number;
  /** The origin the process reported, e.g. http://127.0.0.1:41234 */
  readonly url: string;
  /** Settles with how the process ended (a signal name or an exit code). */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** The process's log lines (JSON, pino), the last KEPT_LINES of them. */
  lines(): readonly string[];
  /** Requests it took in, by method and path (from its own request log). */
  requestsServed(): Map<string, number>;
  /** SIGKILL now, as a crash or an OOM kill would; resolves once the process is gone. */
  kill(): Promise<void>;
  /** SIGTERM (the hub stops cleanly), SIGKILL after a grace period; resolves once it is gone. */
  stop(): Promise<void>;
}

export interface HubProcessOptions {
  readonly label: string;
  readonly databaseUrl: string;
  /** More environment for the hub (HUB_RATE_LIMIT, …). */
  readonly env?: Readonly<Record<string, string>>;
}

interface LogLine {
  readonly msg?: unknown;
  readonly url?: unknown;
  readonly req?: { method?: unknown; path?: unknown };
  readonly res?: { statusCode?: unknown };
}

function parseLine(line: string): LogLine | null {
  try {
    const value = JSON.parse(line) as unknown;
    return typeof value === 'object' && value !== null ? (value as LogLine) : null;
  } catch {
    return null;
  }
}

/**
 * Starts `tsx server/src/main.ts` as its own process on a free loopback port and resolves once it
 * answers /v1/hello. Rejects (and leaves no process behind) if it exits or does not come up in time.
 */
export async function startHubProcess(options: HubProcessOptions): Promise<HubProcess> {
  const child: ChildProcess = spawn(
    process.execPath,
    ['--import', 'tsx', join(ROOT, 'server', 'src', 'main.ts')],
    {
      cwd: ROOT,
      env: {
        PATH: process.env['PATH'] ?? '',
        HOME: process.env['HOME'] ?? '',
        NODE_ENV: 'production',
        DATABASE_URL: options.databaseUrl,
        HUB_HOST: '127.0.0.1',
        HUB_PORT: '0',
        // Info: the start line carries the address, and each finished request is one line.
        LOG_LEVEL: 'info',
        ...options.env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  const pid = child.pid;
  if (pid === undefined) throw new Error(`hub ${options.label} did not start`);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  let gone = false;
  void exited.then(() => {
    gone = true;
  });

  const kept: string[] = [];
  let announced: ((url: string) => void) | null = null;
  const keep = (chunk: string, carry: { rest: string }): void => {
    const parts = (carry.rest + chunk).split('\n');
    carry.rest = parts.pop() ?? '';
    for (const line of parts) {
      kept.push(line);
      if (kept.length > KEPT_LINES) kept.shift();
      const parsed = parseLine(line);
      if (announced && parsed?.msg === 'Akimat Desk hub is listening') {
        if (typeof parsed.url === 'string') announced(parsed.url);
      }
    }
  };
  const out = { rest: '' };
  const err = { rest: '' };
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => keep(chunk, out));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => keep(chunk, err));

  const signal = async (name: NodeJS.Signals, graceMs: number): Promise<void> => {
    if (gone) return;
    process.kill(pid, name);
    const timer = new Promise<'late'>((resolve) => setTimeout(() => resolve('late'), graceMs));
    if ((await Promise.race([exited, timer])) === 'late' && !gone) {
      process.kill(pid, 'SIGKILL');
      await exited;
    }
  };

  const describeFailure = (why: string): Error =>
    new Error(`hub ${options.label} ${why}:\n${kept.slice(-20).join('\n')}`);

  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timeout = setTimeout(
        () => reject(describeFailure('did not report its address')),
        START_TIMEOUT_MS,
      );
      announced = (reported) => {
        clearTimeout(timeout);
        resolve(reported);
      };
      void exited.then(({ code, signal: s }) => {
        clearTimeout(timeout);
        reject(describeFailure(`exited before it listened (${String(code ?? s)})`));
      });
    });
    const deadline = Date.now() + START_TIMEOUT_MS;
    for (;;) {
      const answered = await fetch(`${url}/v1/hello`).then(
        (r) => r.status,
        () => 0,
      );
      if (answered === 200) break;
      if (gone || Date.now() > deadline) throw describeFailure('does not answer /v1/hello');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      label: options.label,
      pid,
      url,
      exited,
      lines: () => kept,
      requestsServed: () => {
        const counts = new Map<string, number>();
        for (const line of kept) {
          const parsed = parseLine(line);
          if (parsed?.msg !== 'incoming request') continue;
          const key = `${String(parsed.req?.method)} ${String(parsed.req?.path)}`;
          counts.set(key, (counts.get(key) ?? 0) + 1);
        }
        return counts;
      },
      kill: () => signal('SIGKILL', STOP_TIMEOUT_MS),
      stop: () => signal('SIGTERM', STOP_TIMEOUT_MS),
    };
  } catch (error) {
    await signal('SIGKILL', STOP_TIMEOUT_MS);
    throw error;
  }
}

/** Where a front sends the desk's requests. */
export interface HubFront {
  /** The hub origins behind the front, in rotation order. */
  readonly backends: readonly string[];
  /** Origins taken out of the rotation after they refused a connection. */
  readonly down: Set<string>;
  /** Send everything to this origin (a desk at one process), or null to alternate over live ones. */
  only: string | null;
  /**
   * The next push reaches a hub, which stores it and answers, but the answer never reaches the desk;
   * `lostAt` then names the origin that stored it.
   */
  loseNextPushAnswer: boolean;
  lostAt: string | null;
  /** Every request the front sent, in order: origin and path. */
  readonly sent: { origin: string; path: string; status: number | null }[];
  /** Called after each answer the desk receives (a test may kill a hub here). */
  afterAnswer: ((origin: string, path: string) => Promise<void>) | null;
  /**
   * Puts `newOrigin` in `oldOrigin`'s place in the rotation (a replacement process); a desk that
   * joined at the old address still reaches the hub through the front.
   */
  replace(oldOrigin: string, newOrigin: string): void;
}

export function createHubFront(backends: readonly string[]): HubFront & { fetch: FetchLike } {
  const list = [...backends];
  /** Every origin the front has stood for: a desk keeps the address it joined at. */
  const fronted = new Set(backends);
  let next = 0;
  const front: HubFront & { fetch: FetchLike } = {
    backends: list,
    down: new Set(),
    only: null,
    loseNextPushAnswer: false,
    lostAt: null,
    sent: [],
    afterAnswer: null,
    replace(oldOrigin, newOrigin) {
      const at = list.indexOf(oldOrigin);
      if (at === -1) throw new Error(`no backend ${oldOrigin}`);
      list[at] = newOrigin;
      fronted.add(newOrigin);
    },
    fetch: async (url, init) => {
      const known = [...fronted].find((origin) => url.startsWith(`${origin}/`)) ?? null;
      // A request to an address the front does not stand in front of goes through untouched.
      const path = known === null ? null : url.slice(known.length);
      for (let tries = 0; tries < list.length; tries++) {
        const origin = front.only ?? pick();
        const target = path === null ? url : `${origin}${path}`;
        const pathname = new URL(target).pathname;
        const record = { origin, path: pathname, status: null as number | null };
        front.sent.push(record);
        let response: Response;
        try {
          response = await fetch(target, {
            method: init.method,
            headers: init.headers,
            ...(init.body !== undefined ? { body: init.body } : {}),
            signal: AbortSignal.timeout(10_000),
          });
        } catch (error) {
          if (path !== null && front.only === null && refused(error)) {
            front.down.add(origin);
            continue;
          }
          throw error;
        }
        record.status = response.status;
        if (front.loseNextPushAnswer && pathname === '/v1/push') {
          front.loseNextPushAnswer = false;
          front.lostAt = origin;
          await response.arrayBuffer();
          throw new TypeError('fetch failed: the answer was lost on the way back');
        }
        if (front.afterAnswer) {
          // The desk reads the body after this returns: read it now so a kill here cannot cut it.
          const body = await response.arrayBuffer();
          await front.afterAnswer(origin, pathname);
          return new Response(body, { status: response.status, headers: response.headers });
        }
        return response;
      }
      throw new TypeError('fetch failed: no hub process behind the front answers');
    },
  };
  function pick(): string {
    const live = list.filter((origin) => !front.down.has(origin));
    const chosen = live[next % Math.max(live.length, 1)] ?? list[0] ?? '';
    next += 1;
    return chosen;
  }
  return front;
}

/** The connection was refused: nothing listens there, so the request never reached a hub. */
function refused(error: unknown): boolean {
  const cause =
    error instanceof Error ? (error.cause as { code?: unknown } | undefined) : undefined;
  return cause?.code === 'ECONNREFUSED';
}

/** The desk's platform over a front, while `link.online` (a switch the test turns). */
export function frontPlatform(
  front: { fetch: FetchLike },
  link: { readonly online: boolean },
): SyncPlatform {
  return {
    fetch: (url, init) =>
      link.online ? front.fetch(url, init) : Promise.reject(new TypeError('fetch failed')),
    nowMs: () => Date.now(),
    every: (ms, tick) => {
      const handle = setInterval(tick, ms);
      return () => clearInterval(handle);
    },
    online: { current: () => link.online, subscribe: () => () => undefined },
  };
}
