import { describe, expect, test } from 'vitest';
import { syncComponents } from '../../src/services/sync-components.ts';
import { manualClock } from '../../src/time/clock.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';

const start = new Date('2021-09-15T13:50:00Z');

describe.each(databaseKinds)('component sync on %s', (kind) => {
  const database = useDatabase(kind);
  const rows = () => database.db.prisma.component.findMany({ orderBy: { name: 'asc' } });

  test('while the clock is not trusted no row is created (it would be dated); existing rows get their group and order; once trusted, the rest come', async () => {
    const clock = manualClock(start);
    expect(await syncComponents(database.db, clock, [{ group: 'Platform', items: ['CRM', 'Core'] }])).toEqual([]);
    const before = await rows();

    let trusted = false;
    const refused = { now: () => clock.now(), trust: () => (trusted ? { trusted: true as const } : { trusted: false as const, reason: 'a year ahead' }) };
    clock.set(new Date('2022-09-15T13:50:00Z'));
    const wanted = [{ group: 'Messaging', items: ['Core', 'Billing', 'CRM'] }];
    expect(await syncComponents(database.db, refused, wanted)).toEqual(['Billing']);
    const after = await rows();
    expect(after.map((row) => [row.name, row.groupName, row.position])).toEqual([
      ['CRM', 'Messaging', 2],
      ['Core', 'Messaging', 0],
    ]);
    expect(after.map((row) => [row.createdAt, row.updatedAt])).toEqual(before.map((row) => [row.createdAt, row.updatedAt]));

    trusted = true;
    clock.set(new Date('2021-09-15T14:00:00Z'));
    expect(await syncComponents(database.db, refused, wanted)).toEqual([]);
    const billing = await database.db.prisma.component.findUniqueOrThrow({ where: { name: 'Billing' } });
    expect([billing.position, billing.createdAt, billing.updatedAt]).toEqual([1, clock.now(), clock.now()]);
  });
});
