import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFaultProxy, type FaultProxy } from '../support/fault-proxy';

// The proxy of the fault tests does what it says: a share of connections fail in each way, and what
// gets through arrives whole.
describe('the fault proxy', () => {
  let server: Server;
  let proxy: FaultProxy;
  const body = 'x'.repeat(20_000);

  beforeAll(async () => {
    server = createServer((req, res) => {
      let received = 0;
      req.on('data', (c: Buffer) => (received += c.length));
      req.on('end', () => res.end(`${received}:${body}`));
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    proxy = await startFaultProxy(
      { host: '127.0.0.1', port: (server.address() as AddressInfo).port },
      { seed: 7 },
    );
  });
  afterAll(async () => {
    await proxy.close();
    await new Promise((r) => server.close(r));
  });

  test('drops, cuts and delays some connections; the rest arrive whole', async () => {
    const sent = 'y'.repeat(5_000);
    let whole = 0;
    let failed = 0;
    for (let i = 0; i < 120; i++) {
      try {
        const r = await fetch(`${proxy.url}/`, {
          method: 'POST',
          body: sent,
          headers: { connection: 'close' },
          signal: AbortSignal.timeout(5_000),
        });
        const text = await r.text();
        // Nothing arrives half: either the whole answer or a failure the client sees.
        expect(text).toBe(`${sent.length}:${body}`);
        whole += 1;
      } catch {
        failed += 1;
      }
    }
    const c = proxy.counts;
    expect(c.dropped).toBeGreaterThan(10);
    expect(c.requestsCut).toBeGreaterThan(3);
    expect(c.responsesCut).toBeGreaterThan(3);
    expect(c.delayed).toBeGreaterThan(10);
    expect(whole).toBeGreaterThan(40);
    expect(failed).toBeGreaterThan(20);

    proxy.heal();
    const after = await fetch(`${proxy.url}/`, { method: 'POST', body: sent });
    expect(await after.text()).toBe(`${sent.length}:${body}`);
  });
});
