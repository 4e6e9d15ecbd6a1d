import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness, takeBlipConfig } from '../support/services.ts';

const admin = 'U024BE7LH';
const usage = 'Usage: /incident webhook add <https://…> [--components "CRM, Core"] | remove W<k>|<url> | rotate W<k> | list';

describe.each(databaseKinds)('/incident webhook on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const say = (ctx: Ctx, line: string) =>
    handleCommand({ ctx, resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, `/incident ${line}`);
  const asAdmin = (allowLoopback = false): Ctx => ({
    ...h.as('Ana', { platform: 'slack', id: admin }),
    config: { ...h.config, webhooks: { allowLoopback, timeoutMs: 10_000 } },
  });

  beforeAll(async () => {
    h = await harness(database.db, { slack: { ...takeBlipConfig.slack, admins: [admin] } });
  });

  test('only admins manage webhooks', async () => {
    for (const line of ['webhook add https://hooks.example.com/crisisroom', 'webhook list', 'webhook rotate W1', 'webhook remove W1']) {
      expect(await say(h.as('mallory'), line), line).toBe('Only crisisroom admins can manage webhooks (slack.admins in the configuration).');
    }
    expect(await database.db.prisma.webhookEndpoint.count()).toBe(0);
  });

  test('a URL that is not one, or not https, is refused with what was wrong', async () => {
    expect(await say(asAdmin(), 'webhook add hooks.example.com/crisisroom')).toBe(
      `"hooks.example.com/crisisroom" is not a web address: give the full URL, like https://hooks.example.com/crisisroom.\n${usage}`,
    );
    expect(await say(asAdmin(), 'webhook add ftp://hooks.example.com/x')).toBe(
      `Webhook URLs must start with https:// (got "ftp://hooks.example.com/x").\n${usage}`,
    );
    expect(await say(asAdmin(), 'webhook add http://hooks.example.com/x')).toBe(`Webhook URLs must start with https:// (got http://…).\n${usage}`);
    expect(await say(asAdmin(), 'webhook add')).toBe(`Give the endpoint's URL, like https://hooks.example.com/crisisroom.\n${usage}`);
    expect(await say(asAdmin(), 'webhook rotate https://hooks.example.com/x')).toBe(
      `Name a webhook by its id, like W3 (got "https://hooks.example.com/x").\n${usage}`,
    );
    expect(await say(asAdmin(), 'webhook remove hooks')).toBe(`Name a webhook by its id, like W3, or by its full URL (got "hooks").\n${usage}`);
  });

  test('a URL that reaches inside the network is refused when added', async () => {
    expect(await say(asAdmin(), 'webhook add https://192.168.0.5/hook')).toBe(
      `Refused: 192.168.0.5 is a private network address (RFC 1918); webhooks may only reach public addresses.\n${usage}`,
    );
    expect(await say(asAdmin(), 'webhook add https://[::1]/hook')).toMatch(/^Refused: ::1 is a loopback address/);
    expect(await say(asAdmin(), 'webhook add <https://localhost/hook>')).toMatch(/^Refused: localhost resolves to (127\.0\.0\.1|::1), a loopback address/);
    expect(await say(asAdmin(), 'webhook add https://169.254.169.254/latest/meta-data/')).toMatch(/^Refused: 169\.254\.169\.254 is the cloud metadata service/);
    expect(await database.db.prisma.webhookEndpoint.count()).toBe(0);
  });

  test('add shows the secret once; list never does; rotate shows the new one and until when the old one signs; remove', async () => {
    const added = await say(asAdmin(true), 'webhook add http://127.0.0.1:9/hook --components crm');
    const [, secret] = /shown only this once: (whsec_\S+)/.exec(added) ?? [];
    expect(added).toBe(
      [
        'W1: http://127.0.0.1:9/hook now receives approved public updates for incidents affecting CRM.',
        `Its signing secret, shown only this once: ${secret}`,
        'Check every request with it as Standard Webhooks says (the webhook-id, webhook-timestamp and webhook-signature headers), e.g. with the standardwebhooks library.',
      ].join('\n'),
    );
    expect(await say(asAdmin(true), 'webhook list')).toBe('Webhooks:\nW1 · http://127.0.0.1:9/hook · CRM · active');
    const rotated = await say(asAdmin(true), 'webhook rotate W1');
    expect(rotated).toMatch(
      /^W1: http:\/\/127\.0\.0\.1:9\/hook has a new signing secret, shown only this once: whsec_\S+\nUntil 2021-09-16 10:50 GMT-03:00 every request is signed with the previous secret too; deploy the new one before then\.$/,
    );
    expect(rotated).not.toContain(secret);
    const listed = await say(asAdmin(true), 'webhook list');
    expect(listed).toBe('Webhooks:\nW1 · http://127.0.0.1:9/hook · CRM · active · previous secret signs until 2021-09-16 10:50 GMT-03:00');
    expect(await say(asAdmin(true), 'webhook remove http://127.0.0.1:9/hook')).toBe('W1: http://127.0.0.1:9/hook will no longer receive public updates.');
    expect(await say(asAdmin(true), 'webhook list')).toBe('Webhooks:\nW1 · http://127.0.0.1:9/hook · CRM · disabled (removed by Ana)');
    expect(await say(asAdmin(true), 'webhook rotate W1')).toBe('No active webhook W1 (see /incident webhook list).');
  });
});
