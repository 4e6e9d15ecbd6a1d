import { beforeAll, describe, expect, test } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { loadHistoryPage, loadPublicIncident } from '../../src/services/public-page/load-history.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const incidents = 100_000;
const now = new Date('2021-09-15T13:50:00Z');
/** Ten years of history: an incident every 52 minutes or so, about 2,500 of them in the last 90 days. */
const spacingSeconds = 3_153;
const nowSeconds = now.getTime() / 1000;

/**
 * Each incident has three published updates (the first puts a component in partial outage, the last
 * brings it back) and every other one an impact window. Written with one INSERT … SELECT per table: the
 * service layer would take minutes for this many.
 */
async function seed(db: Database): Promise<void> {
  const sqlite = db.provider === 'sqlite';
  const series = sqlite ? `WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < ${incidents})` : '';
  const from = sqlite ? 'FROM seq' : `FROM generate_series(1, ${incidents}) AS seq(n)`;
  const steps = sqlite ? 'steps(i) AS (VALUES (0), (1), (2))' : '';
  const stepsFrom = sqlite ? ', steps' : ', generate_series(0, 2) AS steps(i)';
  const at = (secondsExpression: string) =>
    sqlite ? `strftime('%Y-%m-%dT%H:%M:%S.000+00:00', ${secondsExpression}, 'unixepoch')` : `(to_timestamp(${secondsExpression}) AT TIME ZONE 'UTC')`;
  const declared = `(${nowSeconds} - (${incidents} - n) * ${spacingSeconds} - 7200)`;
  const component = `(CASE n % 4 WHEN 0 THEN 'CRM' WHEN 1 THEN 'Core' WHEN 2 THEN 'Analytics' ELSE 'Portal' END)`;
  const change = (oldState: string, newState: string) => `'[{"name":"' || ${component} || '","oldState":"${oldState}","newState":"${newState}"}]'`;
  const status = `(CASE i WHEN 0 THEN 'investigating' WHEN 1 THEN 'identified' ELSE 'resolved' END)`;
  const changes = `(CASE i WHEN 0 THEN ${change('operational', 'partial_outage')} WHEN 2 THEN ${change('partial_outage', 'operational')} ELSE '[]' END)`;
  const body = `'We are investigating reports of failures affecting some customers and will update within 30 minutes.'`;
  const withClause = (...parts: string[]) => (sqlite ? `${series}${parts.length ? `, ${parts.join(', ')}` : ''}` : '');

  await db.prisma.$executeRawUnsafe(`${withClause()}
    INSERT INTO "Incident" ("id", "title", "severity", "status", "commanderId", "commanderName", "declaredAt", "resolvedAt", "impactStart", "impactEnd", "updatedAt")
    SELECT n, 'Incident ' || n || ' with a title of realistic length', 2, 'resolved', 'console:a', 'a', ${at(declared)}, ${at(`${declared} + 3600`)},
      CASE WHEN n % 2 = 0 THEN ${at(declared)} END, CASE WHEN n % 2 = 0 THEN ${at(`${declared} + 3000`)} END, ${at(`${declared} + 3600`)}
    ${from}`);
  await db.prisma.$executeRawUnsafe(`${withClause()}
    INSERT INTO "IncidentComponent" ("incidentId", "componentName", "state") SELECT n, ${component}, 'operational' ${from}`);
  for (const table of ['PublicDraft', 'Publication']) {
    const columns =
      table === 'PublicDraft'
        ? `"id", "incidentId", "number", "status", "body", "componentChanges", "authorId", "authorName", "createdAt", "state"`
        : `"id", "incidentId", "draftId", "status", "body", "impact", "affectedComponents", "publishedAt"`;
    const values =
      table === 'PublicDraft'
        ? `3 * n - 2 + i, n, i + 1, ${status}, ${body}, ${changes}, 'console:a', 'a', ${at(`${declared} + 600 + i * 1200`)}, 'approved'`
        : `3 * n - 2 + i, n, 3 * n - 2 + i, ${status}, ${body}, 'major', ${changes}, ${at(`${declared} + 660 + i * 1200`)}`;
    await db.prisma.$executeRawUnsafe(`${withClause(steps)} INSERT INTO "${table}" (${columns}) SELECT ${values} ${from}${stepsFrom}`);
  }
  if (!sqlite) {
    // Rows written with explicit ids leave PostgreSQL's sequences behind; the services would collide with them.
    for (const table of ['Incident', 'PublicDraft', 'Publication']) {
      await db.prisma.$executeRawUnsafe(`SELECT setval(pg_get_serial_sequence('"${table}"', 'id'), (SELECT max("id") FROM "${table}"))`);
    }
  }
  await db.prisma.$executeRawUnsafe(`UPDATE "Component" SET "createdAt" = ${at(String(nowSeconds - 20 * 365 * 86400))}`);
  // Statistics, as autovacuum keeps them on a database that grew over years rather than in one statement.
  await db.prisma.$executeRawUnsafe('ANALYZE');
}

async function timed<T>(work: () => Promise<T>): Promise<{ result: T; ms: number }> {
  await work(); // warm: connections, prepared statements and caches
  const start = performance.now();
  const result = await work();
  return { result, ms: performance.now() - start };
}

describe.each(databaseKinds)('with 100,000 incidents on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;

  beforeAll(async () => {
    h = await harness(database.db, {}, now);
    await seed(database.db);
  }, 120_000);

  test('the snapshot, uptime bars included, reads only the recent window', async () => {
    const { result: snapshot, ms } = await timed(() => loadPublicSnapshot(database.db, h.clock, h.config));
    expect(snapshot.incidents).toHaveLength(100);
    const crm = snapshot.uptime.find((c) => c.name === 'CRM')!;
    expect(crm.days).toHaveLength(90);
    // Every fourth incident breaks CRM for about 40 minutes: about 6 of them a day.
    expect(crm.days.at(-2)!.incidents.length).toBeGreaterThan(3);
    expect(crm.days.at(-2)!.durations.partial_outage).toBeGreaterThan(3 * 40 * 60_000);
    expect(crm.uptime).toBeGreaterThan(0.9);
    // Loading every incident takes tens of seconds at this size; reading the window takes a fraction of
    // one. The bound tells the two apart with room for a machine busy with the rest of the suite.
    expect(ms, `the snapshot took ${ms.toFixed(0)} ms`).toBeLessThan(5_000);
  });

  test('history pages and old incidents are single cheap reads', async () => {
    // As for the snapshot: bounds far below a read of the whole history, with room for a busy machine.
    const first = await timed(() => loadHistoryPage(database.db, h.clock, h.config, 1));
    expect(first.result.incidents.map((i) => i.number).slice(0, 2)).toEqual([100_000, 99_999]);
    expect(first.ms, `page 1 took ${first.ms.toFixed(0)} ms`).toBeLessThan(2_000);
    const deep = await timed(() => loadHistoryPage(database.db, h.clock, h.config, 3_999));
    expect(deep.result.incidents.map((i) => i.number).at(-1)).toBe(26);
    expect(deep.ms, `page 3999 took ${deep.ms.toFixed(0)} ms`).toBeLessThan(4_000);
    const old = await timed(() => loadPublicIncident(database.db, h.config, 5));
    expect(old.result!.updates).toHaveLength(3);
    expect(old.ms, `INC-5 took ${old.ms.toFixed(0)} ms`).toBeLessThan(1_000);
  });
});
