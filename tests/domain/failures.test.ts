import { describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import { connectDatabase } from '../../src/db/client.ts';
import { CrisisError } from '../../src/domain/errors.ts';
import { databaseFailure, failureText } from '../../src/domain/failures.ts';
import { databaseKinds, freshDatabase, useDatabase } from '../support/databases.ts';
import { harness } from '../support/services.ts';

const unchanged = 'nothing was changed';
const row = (title: string) => ({
  title,
  severity: 3,
  status: 'investigating',
  commanderId: 'console:a',
  commanderName: 'a',
  declaredAt: new Date(0),
  updatedAt: new Date(0),
});
const thrown = (work: Promise<unknown>) =>
  work.then(
    () => undefined,
    (error: unknown) => error,
  );

describe.each(databaseKinds)('database failures in words, on %s', (kind) => {
  const database = useDatabase(kind);

  test('a unique conflict says someone changed the same thing at the same moment', async () => {
    const { id } = await database.db.prisma.incident.create({ data: row('first') });
    const error = await thrown(database.db.prisma.incident.create({ data: { ...row('again'), id } }));
    expect(databaseFailure(error)).toBe(`Someone changed the same thing at the same moment; ${unchanged}. Look again, then try again.`);
  });
});

// PostgreSQL refuses NUL in text; SQLite would store it (cut): the one database where a value is refused.
describe.skipIf(!databaseKinds.includes('postgresql'))('a value PostgreSQL refuses', () => {
  const database = useDatabase('postgresql');

  test('a value the database refuses is named in its own words', async () => {
    // The text rule keeps NUL out; written past it, PostgreSQL refuses it instead of answering "something went wrong".
    const error = await thrown(database.db.transaction((tx) => tx.incident.create({ data: row('a\u0000b') })));
    expect(databaseFailure(error)).toBe(
      `The database refused a value in that (the database said: invalid byte sequence for encoding "UTF8": 0x00); ${unchanged}.`,
    );
  });
});

// Only SQLite locks a whole file while one write holds it.
describe('a locked SQLite file', () => {
  test('a database file another write holds says it is locked', async () => {
    const file = await freshDatabase('sqlite');
    const [first, second] = [await file.open(), connectDatabase(file.url)];
    let release!: () => void;
    let holding!: () => void;
    const locked = new Promise<void>((resolve) => (holding = resolve));
    const held = first.transaction(async (tx) => {
      await tx.incident.create({ data: row('holding the lock') });
      holding();
      await new Promise<void>((resolve) => (release = resolve));
    });
    await locked;
    const error = await thrown(second.prisma.incident.create({ data: row('waiting') }));
    release();
    await held;
    await Promise.all([first.close(), second.close()]);
    expect(databaseFailure(error)).toBe(`The database file is locked by another write just now; ${unchanged}. Try again in a moment.`);
  });
});

describe('a database that cannot be reached', () => {
  const url = 'postgresql://crisisroom:s3cret-pw@127.0.0.1:1/crisisroom';

  test('a command is told so, in words, and never the connection string; the log has the whole error', async () => {
    const [working, unreachable] = [await (await freshDatabase('sqlite')).open(), connectDatabase(url)];
    const h = await harness(working);
    const logged: unknown[] = [];
    const reply = await handleCommand(
      { ctx: { ...h.as('alice'), db: unreachable }, resolveUser: async (t) => ({ id: t, name: t }), log: (_, error) => logged.push(error) },
      'note INC-1 cache flushed',
    );
    expect(reply).toBe(`The database cannot be reached right now; ${unchanged}. Try again in a moment: the operator log says why.`);
    expect(reply).not.toContain('s3cret');
    expect(String(logged[0])).toContain("Can't reach database server at 127.0.0.1:1");
    await Promise.all([working.close(), unreachable.close()]);
  });
});

describe('failureText', () => {
  const log: [string, unknown][] = [];
  const told = (error: unknown) => failureText(error, (what, e) => log.push([what, e]), 'test: asking failed');

  test('a refusal is told as it is, and is no news for the operator log', () => {
    log.length = 0;
    expect(told(new CrisisError('forbidden', 'Only the commander can approve D1.'))).toBe('Only the commander can approve D1.');
    expect(log).toEqual([]);
  });

  test('anything else is logged whole and told by its kind, never by its message', () => {
    log.length = 0;
    const defect = new TypeError("Cannot read properties of undefined (reading 'token=abc')");
    expect(told(defect)).toBe('That could not be done: a defect in crisisroom (TypeError). The operator log has the details.');
    const slack = Object.assign(new Error('An API error occurred: channel_not_found'), {
      code: 'slack_webapi_platform_error',
      data: { error: 'channel_not_found' },
    });
    expect(told(slack)).toBe('That could not be done: Slack refused a request (channel_not_found). The operator log has the details.');
    expect(told(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }))).toBe(
      'That could not be done: a server refused the connection. The operator log has the details.',
    );
    expect(log.map(([what, error]) => [what, error])).toEqual([
      ['test: asking failed', defect],
      ['test: asking failed', slack],
      ['test: asking failed', expect.any(Error)],
    ]);
  });

  test("the database failure mapper leaves errors that are not the database's alone", () => {
    expect(databaseFailure(new Error('boom'))).toBeUndefined();
    expect(databaseFailure('a string')).toBeUndefined();
    expect(databaseFailure(Object.assign(new Error('x'), { name: 'PrismaClientUnknownRequestError' }))).toBe(
      `The database failed while doing that; ${unchanged}. The operator log has the details.`,
    );
  });
});
