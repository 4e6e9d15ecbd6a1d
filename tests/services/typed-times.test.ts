import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { getTimeline } from '../../src/services/queries.ts';
import { readingZone } from '../../src/services/reading-zone.ts';
import { createRoomStore } from '../../src/db/stores/rooms.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness, takeBlipConfig } from '../support/services.ts';

const page = { config: takeBlipConfig };
const actor = { platform: 'slack' as const, id: 'U1', name: 'alice' };

describe('readingZone: the person’s zone, else the channel’s, else the page’s', () => {
  test('each source wins over the ones after it', () => {
    expect(readingZone({ ...page, actor: { ...actor, timeZone: 'Asia/Kolkata' }, channelTimeZone: 'Europe/Berlin' })).toBe('Asia/Kolkata');
    expect(readingZone({ ...page, actor, channelTimeZone: 'Europe/Berlin' })).toBe('Europe/Berlin');
    expect(readingZone({ ...page, actor })).toBe('America/Sao_Paulo');
  });

  test('a zone the runtime does not know is passed over; a known one is given its canonical spelling', () => {
    expect(readingZone({ ...page, actor: { ...actor, timeZone: 'Mars/Olympus_Mons' }, channelTimeZone: 'europe/berlin' })).toBe('Europe/Berlin');
    expect(readingZone({ ...page, actor: { ...actor, timeZone: '' }, channelTimeZone: 'Nowhere/At_All' })).toBe('America/Sao_Paulo');
  });
});

describe.each(databaseKinds)('times typed in chat commands on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  // The harness clock starts at 2021-09-15 13:50 UTC: 10:50 in Sao Paulo, 15:50 in Berlin, 19:20 in Kolkata.
  const say = (ctx: Ctx, line: string) => handleCommand({ ctx, resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, line);
  const lastEntry = async () => (await getTimeline(h.as('bob'), { incident: 1 })).entries.at(-1)!;

  beforeAll(async () => {
    h = await harness(database.db);
    expect(await say(h.as('alice'), 'declare Smart Contacts not exchanging messages --sev 2')).toContain('Declared INC-1');
  });

  test('note --at back-dates a note, read in the person’s own zone', async () => {
    const reply = await say(h.as('bob', { timeZone: 'Asia/Kolkata' }), 'note cache disconnected --at 19:05');
    expect(reply).toBe('Noted on INC-1 (timeline #2, dated 2021-09-15 19:05 GMT+05:30).');
    const entry = await lastEntry();
    expect(entry.occurredAt.toISOString()).toBe('2021-09-15T13:35:00.000Z');
    expect(entry.recordedAt.toISOString()).toBe('2021-09-15T13:50:00.000Z');
  });

  test('without a zone of the person’s own, the channel’s is used, then the page’s', async () => {
    const inBerlinChannel = { ...h.as('carol'), channelTimeZone: 'Europe/Berlin' };
    expect(await say(inBerlinChannel, 'note failover started --at 15:40')).toContain('dated 2021-09-15 15:40 GMT+02:00');
    expect((await lastEntry()).occurredAt.toISOString()).toBe('2021-09-15T13:40:00.000Z');
    expect(await say(h.as('carol'), 'note failover done --at 10:45')).toContain('dated 2021-09-15 10:45 GMT-03:00');
    expect((await lastEntry()).occurredAt.toISOString()).toBe('2021-09-15T13:45:00.000Z');
    expect(await say({ ...h.as('dave', { timeZone: 'UTC' }), channelTimeZone: 'Europe/Berlin' }, 'note x --at 13:30')).toContain(
      'dated 2021-09-15 13:30 GMT+00:00',
    );
  });

  test('note --at takes every written form; a plain note is not dated', async () => {
    // Flags follow the text: here all of it is the flag's value, and the note has none.
    expect(await say(h.as('bob'), 'note --at 10 minutes ago ops paged')).toContain('A note needs text.');
    expect(await say(h.as('bob'), 'note ops paged --at 10 minutes ago')).toContain('dated 2021-09-15 10:40 GMT-03:00');
    expect(await say(h.as('bob'), 'note ops paged --at "2021-09-15 10:12 -03:00"')).toContain('dated 2021-09-15 10:12 GMT-03:00');
    expect(await say(h.as('bob'), 'note ops paged --at 2021-09-15 08:12 America/New_York')).toContain('dated 2021-09-15 09:12 GMT-03:00');
    expect(await say(h.as('bob'), 'note nothing special')).toMatch(/^Noted on INC-1 \(timeline #\d+\)\.$/);
  });

  test('note --at refuses the future, times that do not exist, and what is not a time, recording nothing', async () => {
    const before = (await lastEntry()).seq;
    expect(await say(h.as('bob'), 'note too early --at 2021-09-15 11:00')).toMatch(/^2021-09-15 11:00 GMT-03:00 is in the future \(now is 10:50 GMT-03:00\)\./);
    expect(await say(h.as('bob'), 'note gap --at 2021-03-14 02:30 America/New_York')).toMatch(
      /^2021-03-14 02:30 does not exist in America\/New_York \(clocks jumped from 02:00 to 03:00\)\. Did you mean 01:30 GMT-05:00 or 03:30 GMT-04:00\?/,
    );
    expect(await say(h.as('bob'), 'note soon --at tomorrow')).toContain('Could not read "tomorrow" as a time');
    expect(await say(h.as('bob'), 'note empty --at')).toContain('--at needs a value.');
    expect((await lastEntry()).seq).toBe(before);
  });

  test('impact: an end before its start is refused with both times; the reply shows offsets', async () => {
    expect(await say(h.as('alice'), 'impact 10:30 to 10:10')).toContain(
      'It ends before it starts: the end 2021-09-15 10:10 GMT-03:00 is before the start 2021-09-15 10:30 GMT-03:00.',
    );
    expect(await say(h.as('alice', { timeZone: 'Asia/Kolkata' }), 'impact 18:50 19:10')).toBe(
      'Customer impact of INC-1: 2021-09-15 18:50 GMT+05:30 → 2021-09-15 19:10 GMT+05:30.',
    );
  });

  test('a channel has a zone only while it is a subscribed customer channel', async () => {
    const rooms = createRoomStore(database.db);
    const at = h.clock.now();
    const subscription = {
      platform: 'slack',
      channelName: 'acme-status',
      components: '[]',
      language: 'en',
      createdById: 'slack:U1',
      createdAt: at,
      updatedAt: at,
    };
    await database.db.prisma.channelSubscription.create({ data: { ...subscription, channelId: 'C0ACME', timeZone: 'Asia/Kolkata' } });
    expect(await rooms.zoneOfChannel('slack', 'C0ACME')).toBe('Asia/Kolkata');
    expect(await rooms.zoneOfChannel('teams', 'C0ACME')).toBeUndefined();
    expect(await rooms.zoneOfChannel('slack', 'C0ROOM')).toBeUndefined();
    await database.db.prisma.channelSubscription.update({ where: { platform_channelId: { platform: 'slack', channelId: 'C0ACME' } }, data: { active: false } });
    expect(await rooms.zoneOfChannel('slack', 'C0ACME')).toBeUndefined();
  });

  test('after the clock steps back, the order stays the sequence and no duration is negative', async () => {
    h.clock.advance(-2 * 3_600_000);
    await say(h.as('bob'), 'note after the step back');
    const { entries } = await getTimeline(h.as('bob'), { incident: 1 });
    expect(entries.map((e) => e.seq)).toEqual(entries.map((_, i) => i + 1));
    expect(entries.at(-1)!.text).toBe('after the step back');

    expect(await say(h.as('alice'), 'status resolved')).toContain('resolved');
    const summary = await say(h.as('alice'), 'summary INC-1');
    expect(summary).toContain('Declared: 2021-09-15 10:50 GMT-03:00 (just now) · Resolved: 2021-09-15 08:50 GMT-03:00, after 0 s');
    expect(summary).not.toMatch(/\bin \d|-\d+ ?(s|min|h)\b/);
    h.clock.advance(3 * 3_600_000);
    expect(await say(h.as('alice'), 'summary INC-1')).toContain('Declared: 2021-09-15 10:50 GMT-03:00 (about 1 hour ago)');
  });
});
