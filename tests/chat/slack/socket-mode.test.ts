import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startApp } from '../../../src/app.ts';
import { loadConfig } from '../../../src/config.ts';
import { systemClock } from '../../../src/time/clock.ts';
import { type FakeSlack, startFakeSlack } from '../../fakes/slack/server.ts';
import { type FakeSocketMode, slashCommandPayload, startFakeSocketMode } from '../../fakes/slack/socket-mode.ts';

let fake: FakeSlack;
let socket: FakeSocketMode;
let app: Awaited<ReturnType<typeof startApp>>;

beforeAll(async () => {
  fake = await startFakeSlack({
    token: 'xoxb-socket',
    teamId: 'T0HOME',
    botUserId: 'U0BOT',
    users: [{ id: 'U0ALICE', name: 'alice', tz: 'America/Sao_Paulo', teamId: 'T0HOME' }],
    channels: [{ id: 'C0GENERAL', name: 'general', members: ['U0ALICE'] }],
  });
  socket = await startFakeSocketMode({ appToken: 'xapp-socket' });
  const config = loadConfig({
    CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-socket-')), 'data'),
    PORT: '0',
    SLACK_BOT_TOKEN: 'xoxb-socket',
    SLACK_APP_TOKEN: 'xapp-socket',
    SLACK_API_URL: fake.url,
  });
  app = await startApp(config, systemClock, () => {}, { slackRetries: 0, slackTimeoutMs: 2000, socketModeApiUrl: socket.apiUrl });
  await socket.connected();
});
afterAll(async () => {
  await app?.stop();
  await socket?.close();
  await fake?.close();
});

test('with SLACK_APP_TOKEN, commands arrive over Socket Mode and behave as over HTTP', async () => {
  const responseUrl = fake.responseUrl();
  const delivered = await socket.send(
    'slash_commands',
    slashCommandPayload({ text: 'declare Over the socket --sev 2', user_id: 'U0ALICE', team_id: 'T0HOME', channel_id: 'C0GENERAL', response_url: responseUrl }),
  );
  expect(delivered.ack.envelope_id).toBe(delivered.envelopeId);
  await app.settle();
  expect(fake.responses.filter((r) => r.url === responseUrl).map((r) => (r.body as { text: string }).text)).toEqual([
    'Declared INC-1: Over the socket (SEV2, investigating). alice is the commander.',
  ]);
  expect(fake.channel('inc-1-over-the-socket')?.members).toContain('U0ALICE');
});

test('with Socket Mode, nothing listens at /slack/events', async () => {
  expect((await fetch(`${app.url}/slack/events`, { method: 'POST', body: '' })).status).toBe(404);
});
