import { Webhook } from 'standardwebhooks';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { type WebhookReceiver, startWebhookReceiver, webhookHeaders } from '../../fakes/webhooks/receiver.ts';
import { eventually } from '../../support/processes.ts';
import { slackWorld } from '../../support/slack-app.ts';

type World = Awaited<ReturnType<typeof slackWorld>>;

describe('webhook subscribers, end to end from Slack through the delivery worker', () => {
  let w: World;
  let receiver: WebhookReceiver;
  let room: string;

  beforeEach(async () => {
    w = await slackWorld({ webhooksAllowLoopback: true });
    receiver = await startWebhookReceiver();
    await w.command('alice', 'C0GENERAL', 'declare Ticket distribution stopped --sev 2 --components CRM');
    room = w.fake.channel('inc-1-ticket-distribution-stopped')!.id;
  });
  afterEach(async () => {
    await w?.stop();
    await receiver?.close();
  });

  const secretIn = (reply: string) => /whsec_[A-Za-z0-9+/=]+/.exec(reply)?.[0];

  test('an admin adds an endpoint; each approved update arrives once, signed, in order', async () => {
    expect((await w.command('bob', 'C0GENERAL', `webhook add ${receiver.url}/hook`)).reply).toBe(
      'Only crisisroom admins can manage webhooks (slack.admins in the configuration).',
    );
    const added = await w.command('alice', 'C0GENERAL', `webhook add ${receiver.url}/hook`);
    const secret = secretIn(added.reply);
    expect(secret).toBeDefined();

    await w.command('alice', room, 'public investigating Tickets are not reaching agents.');
    await w.command('alice', room, 'approve');
    await w.command('alice', room, 'public identified A server clock jumped to 2022.');
    await w.command('alice', room, 'approve');
    await eventually(async () => expect(receiver.received).toHaveLength(2), 10_000);

    const verifier = new Webhook(secret!);
    const payloads = receiver.received.map(
      (request) => verifier.verify(request.body, webhookHeaders(request)) as { type: string; data: { update: { status: string; body: string } } },
    );
    expect(payloads.map((p) => [p.type, p.data.update.status])).toEqual([
      ['incident.created', 'investigating'],
      ['incident.updated', 'identified'],
    ]);
    expect(payloads[1]!.data.update.body).toBe('A server clock jumped to 2022.');
    const report = (await w.command('alice', room, 'deliveries')).reply;
    expect(report).toMatch(/D2 .*: status page, 1 of 1 webhooks\n/);
  });

  test('410 Gone disables the endpoint: the crisis room is told and later updates do not go there', async () => {
    await w.command('alice', 'C0GENERAL', `webhook add ${receiver.url}/gone`);
    receiver.answer({ kind: 'status', status: 410 });
    await w.command('alice', room, 'public investigating Tickets are not reaching agents.');
    await w.command('alice', room, 'approve');
    await eventually(async () => expect(w.fake.messages(room).some((m) => m.text.includes('could not be delivered to webhook 127.0.0.1'))).toBe(true), 10_000);
    await w.command('alice', room, 'public identified Still investigating.');
    await w.command('alice', room, 'approve');
    expect(receiver.received).toHaveLength(1);
    expect((await w.command('alice', 'C0GENERAL', 'webhook list')).reply).toContain('disabled');
  });
});
