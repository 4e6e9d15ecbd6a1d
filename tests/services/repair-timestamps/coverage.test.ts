import { describe, expect, test } from 'vitest';
import { repairableTables } from '../../../src/services/repair-timestamps/plan-repairs.ts';
import { scanStamps } from '../../../src/services/repair-timestamps/session.ts';
import type { Database } from '../../../src/db/client.ts';
import { useDatabase } from '../../support/databases.ts';

/**
 * The instants repair-timestamps leaves alone on purpose, "Model.field". Every other DateTime of the
 * schema must be judged, so a column or table added later is covered or this test names it.
 */
const exempt = new Set([
  // Typed by people: when a maintenance will start and end, ahead of now by design.
  'Maintenance.scheduledFor',
  'Maintenance.scheduledUntil',
  // When a failed delivery or job is tried again: ahead by its backoff or the platform's Retry-After.
  'Delivery.nextAttemptAt',
  'Job.nextAttemptAt',
  // Until when a process holds a delivery or job: ahead by the lease length while it works, emptied when done.
  'Delivery.claimedUntil',
  'Job.claimedUntil',
  // Until when a commander holds the update cadence's reminders back: ahead by design while snoozed.
  'Incident.cadenceSnoozedUntil',
  // The instant a reminder is about: a public update due in ten minutes is reminded of before then.
  'Reminder.dueAt',
  // When a Slack or Teams request was first acted on: a marker that it was, read by nothing, shown
  // nowhere, keyed by text rather than an id, and with no witness a correction could come from.
  'ProcessedRequest.at',
]);

const now = new Date('2021-09-15T13:50:00Z');
const yearAhead = new Date(now.getTime() + 365 * 86_400_000);

type Field = { name: string; kind: string; type: string };
/** The schema as the generated client knows it (Prisma's runtime data model): model → its fields. */
const modelsOf = (db: Database) => (db.prisma as unknown as { _runtimeDataModel: { models: Record<string, { fields: Field[] }> } })._runtimeDataModel.models;

function dateTimeColumns(db: Database): string[] {
  return Object.entries(modelsOf(db))
    .flatMap(([model, { fields }]) => fields.filter((field) => field.kind === 'scalar' && field.type === 'DateTime').map((field) => `${model}.${field.name}`))
    .sort();
}

/**
 * One row in every table, every scalar filled (every id and reference 1, every instant a year ahead).
 * A row whose reference is not written yet is tried again after the others.
 */
async function fillEveryTable(db: Database): Promise<void> {
  const values: Record<string, (model: string, field: string) => unknown> = {
    Int: () => 1,
    String: (model, field) => `${model}-${field}`,
    Boolean: () => true,
    DateTime: () => yearAhead,
  };
  let pending = Object.entries(modelsOf(db));
  while (pending.length > 0) {
    const failed: typeof pending = [];
    for (const [model, { fields }] of pending) {
      const data = Object.fromEntries(fields.filter((field) => field.kind === 'scalar').map((field) => [field.name, values[field.type]!(model, field.name)]));
      const delegate = (db.prisma as unknown as Record<string, { create(args: { data: object }): Promise<unknown> }>)[
        model[0]!.toLowerCase() + model.slice(1)
      ]!;
      await delegate.create({ data }).catch(() => failed.push([model, { fields }]));
    }
    if (failed.length === pending.length) throw new Error(`cannot fill ${failed.map(([model]) => model).join(', ')}`);
    pending = failed;
  }
}

// The two providers share one schema (tests/db/migrations.test.ts): SQLite is enough here.
describe('what repair-timestamps and the doctor judge', () => {
  const database = useDatabase('sqlite');

  test('every DateTime of the schema is judged, or exempt for a stated reason', () => {
    const columns = dateTimeColumns(database.db);
    expect(columns.length).toBeGreaterThan(20);
    expect([...exempt].filter((column) => !columns.includes(column))).toEqual([]);
    const judgedTables = new Set<string>(repairableTables);
    expect(columns.filter((column) => !exempt.has(column) && !judgedTables.has(column.split('.')[0]!))).toEqual([]);
  });

  test('with every instant of every table a year ahead, the scan finds each judged one, and no exempt one', async () => {
    await fillEveryTable(database.db);
    const findings = await scanStamps(database.db, { now, toleranceMs: 60_000 });
    const future = [...new Set(findings.filter((f) => f.problems.includes('future')).map((f) => `${f.table}.${f.field}`))].sort();
    expect(future).toEqual(dateTimeColumns(database.db).filter((column) => !exempt.has(column)));
  });
});
