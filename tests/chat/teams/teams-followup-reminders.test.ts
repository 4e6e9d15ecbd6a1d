import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { manualClock, systemClock } from '../../../src/time/clock.ts';
import { eventually } from '../../support/processes.ts';
import { channels, people, teamsWorld } from '../../support/teams-app.ts';

type World = Awaited<ReturnType<typeof teamsWorld>>;
const day = 24 * 3600_000;

describe('Teams: owners reminded of overdue follow-ups in the crisis room', () => {
  let w: World;
  // Teams signs its requests with today's time: the clock starts now and is moved a day on later.
  const clock = manualClock(systemClock.now());
  const reminders = () =>
    w.connector.received.filter((r) => r.method === 'POST' && String(r.body.text ?? '').startsWith('⏰')).map((r) => ({ to: r.conversationId, body: r.body }));

  beforeAll(async () => {
    w = await teamsWorld({
      clock,
      teams: { teamId: '3c1d2b4a-9e8f-4a7b-8c6d-5e4f3a2b1c0d', incidentsChannelId: channels.incidents },
      // The zone alice types the due day in.
      followUps: { remindAt: '00:00', timeZone: 'America/Sao_Paulo' },
      remindersIntervalMs: 25,
    });
    await w.send('alice', 'declare Ticket distribution stopped');
    const mention = { type: 'mention', text: `<at>${people.bob.name}</at>`, mentioned: { id: people.bob.id, name: people.bob.name } };
    const added = await w.send('alice', `followup add INC-1 Alert on <queue> depth --owner <at>${people.bob.name}</at> --due today`, {
      extraEntities: [mention],
    });
    expect(added.reply).toContain('Follow-up F1 added to INC-1');
  });
  afterAll(async () => w?.stop());

  test('the day after the due day, the room is told once, the owner mentioned (which notifies them) and typed text escaped', async () => {
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toEqual([]);
    clock.advance(day);
    await eventually(async () => expect(reminders()).toHaveLength(1), 10_000);
    const room = await w.app.db.prisma.chatRoom.findFirstOrThrow({ where: { incidentId: 1, platform: 'teams' } });
    const owner = await w.app.db.prisma.followUp.findUniqueOrThrow({ where: { id: 1 } });
    const ownerId = owner.ownerId!.slice('teams:'.length);
    const [reminder] = reminders();
    expect(reminder!.to).toBe(room.channelId);
    expect(reminder!.body.text).toMatch(
      /^⏰ A follow-up of INC-1 is overdue:<br>• F1 Alert on &lt;queue&gt; depth · <at>Bob Lima<\/at> · due \d{4}-\d{2}-\d{2}<br>Once one is done, tell crisisroom: @crisisroom followup done F1\.$/,
    );
    expect(reminder!.body.entities).toEqual([{ type: 'mention', text: '<at>Bob Lima</at>', mentioned: { id: ownerId, name: 'Bob Lima' } }]);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(reminders()).toHaveLength(1);
  });
});
