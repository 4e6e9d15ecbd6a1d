import type { AddressInfo } from 'node:net';
import { describe, expect, test } from 'vitest';
import { checkReadiness, createHttpServer } from '../../src/http/server.ts';

const trusted = () => ({ trusted: true as const });

describe('health and readiness', () => {
  test('ready only when the database answers and the clock is trusted, else the reason', async () => {
    expect(await checkReadiness(async () => {}, trusted)).toEqual({ ready: true });
    expect(await checkReadiness(async () => Promise.reject(new Error('connection refused')), trusted)).toEqual({
      ready: false,
      reason: 'database unreachable: connection refused',
    });
    expect(
      await checkReadiness(
        async () => {},
        () => ({ trusted: false, reason: 'offset 90 s' }),
      ),
    ).toEqual({ ready: false, reason: 'clock not trusted: offset 90 s' });
  });

  test('a database that hangs makes /readyz answer 503 within its deadline while /healthz stays 200', async () => {
    const errors: string[] = [];
    const server = createHttpServer({
      routes: [],
      readiness: () => checkReadiness(() => new Promise(() => {}), trusted),
      log: (message) => errors.push(message),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toEqual({ status: 'not ready', reason: 'database unreachable: no answer within 2 s' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect((await fetch(`${base}/nowhere`)).status).toBe(404);
      expect(errors).toEqual([]);
    } finally {
      server.close();
    }
  });
});
