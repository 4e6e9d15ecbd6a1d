import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { createActivityVerifier } from '../../../src/chat/teams/verify-activity.ts';
import { manualClock } from '../../../src/time/clock.ts';
import { dumpAll } from '../../support/services.ts';
import { appId, otherTenant, teamsWorld } from '../../support/teams-app.ts';

let world: Awaited<ReturnType<typeof teamsWorld>>;
beforeAll(async () => {
  world = await teamsWorld();
  await world.send('alice', 'declare Ticket distribution stopped --sev 2');
});
afterAll(async () => world?.stop());

const now = () => new Date();
type Auth = typeof world.auth;

describe("Teams: activities that are not Bot Framework's own are refused and change nothing", () => {
  const refusals: [string, (auth: Auth) => Promise<string>, RegExp][] = [
    [
      'a token signed by a key Bot Framework does not list',
      (auth) => auth.foreignSigner({ appId, serviceUrl: world.connector.serviceUrl, issuedAt: now() }),
      /signature/i,
    ],
    [
      'a token for another bot (audience)',
      (auth) => auth.sign({ appId, aud: '11111111-2222-4333-8444-555555555555', serviceUrl: world.connector.serviceUrl, issuedAt: now() }),
      /aud/,
    ],
    [
      'a token from another issuer',
      (auth) => auth.sign({ appId, iss: 'https://sts.windows.net/evil/', serviceUrl: world.connector.serviceUrl, issuedAt: now() }),
      /iss/,
    ],
    [
      'an expired token (beyond the five minutes of tolerance)',
      (auth) => auth.sign({ appId, serviceUrl: world.connector.serviceUrl, issuedAt: new Date(now().getTime() - 3_600_000 - 6 * 60_000) }),
      /exp/,
    ],
    [
      "a token whose serviceurl is not the activity's",
      (auth) => auth.sign({ appId, serviceUrl: 'https://evil.example.com/teams/', issuedAt: now() }),
      /serviceurl/,
    ],
  ];

  for (const [what, token, reason] of refusals) {
    test(what, async () => {
      const before = await dumpAll(world.app.db);
      const sent = await world.send('alice', 'declare Forged incident', { token });
      expect(sent.status).toBe(401);
      expect(sent.replies).toEqual([]);
      expect(world.log.at(-1)).toMatch(reason);
      expect(await dumpAll(world.app.db)).toBe(before);
    });
  }

  test('no token at all', async () => {
    const response = await fetch(world.endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(world.activity('alice', 'declare Forged')),
    });
    expect(response.status).toBe(401);
  });

  test('a well-signed activity whose serviceUrl points elsewhere than its token says', async () => {
    const before = await dumpAll(world.app.db);
    const sent = await world.send('alice', 'declare Redirected replies', { serviceUrl: 'https://evil.example.com/teams/' });
    expect(sent.status).toBe(401);
    expect(await dumpAll(world.app.db)).toBe(before);
  });

  test('an activity from a tenant not in TEAMS_TENANT_ID is ignored and logged', async () => {
    const before = await dumpAll(world.app.db);
    const sent = await world.send('alice', 'declare From another tenant', { tenant: otherTenant });
    expect(sent.status).toBe(200);
    expect(sent.replies).toEqual([]);
    expect(world.log.at(-1)).toContain(`ignored a message activity from tenant ${otherTenant}`);
    expect(await dumpAll(world.app.db)).toBe(before);
  });
});

describe("token times are judged by the injected clock, not the machine's", () => {
  const request = (token: string, body: unknown) =>
    Object.assign(Readable.from([Buffer.from(JSON.stringify(body))]), { headers: { authorization: `Bearer ${token}` } }) as unknown as IncomingMessage;

  test('a token issued in 2021 is valid at a 2021 clock, and expired at the machine clock', async () => {
    const issuedAt = new Date('2021-09-15T13:50:00Z');
    const body = world.activity('alice', 'summary');
    const token = await world.auth.sign({ appId, serviceUrl: world.connector.serviceUrl, issuedAt });
    const at2021 = createActivityVerifier({ appId, openIdMetadataUrl: world.auth.openIdMetadataUrl, clock: manualClock(new Date('2021-09-15T14:00:00Z')) });
    expect((await at2021(request(token, body))).ok).toBe(true);
    const atMachine = createActivityVerifier({ appId, openIdMetadataUrl: world.auth.openIdMetadataUrl, clock: manualClock(now()) });
    expect(await atMachine(request(token, body))).toMatchObject({ ok: false, status: 401 });
  });

  test('a token not yet valid by the clock (a machine clock running behind) is refused', async () => {
    const token = await world.auth.sign({ appId, serviceUrl: world.connector.serviceUrl, issuedAt: new Date('2022-09-15T13:50:00Z') });
    const verifier = createActivityVerifier({ appId, openIdMetadataUrl: world.auth.openIdMetadataUrl, clock: manualClock(new Date('2021-09-15T14:00:00Z')) });
    expect(await verifier(request(token, world.activity('alice', 'summary')))).toMatchObject({ ok: false, status: 401 });
  });
});
