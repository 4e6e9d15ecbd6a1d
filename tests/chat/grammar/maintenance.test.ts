import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../../src/chat/grammar/parse.ts';
import { commandOf } from './parsed.ts';
import { usageOf } from '../../../src/chat/grammar/usage.ts';

function rejectionOf(line: string): string {
  const result = parseCommand(line);
  if (result.ok) expect.fail(`${JSON.stringify(line)} parsed to ${JSON.stringify(result.command)}`);
  expect(result.usage).toBe(usageOf('maintenance'));
  return result.error;
}

const example = 'like: maintenance schedule 2026-12-01 02:00 - 04:00 Database upgrade';

describe('maintenance schedule', () => {
  test('a window, a title and components', () => {
    expect(commandOf('/incident maintenance schedule 2026-12-01 02:00 - 04:00 Database upgrade --components "CRM, Core"')).toEqual({
      verb: 'maintenance',
      action: 'schedule',
      window: '2026-12-01 02:00 to 04:00',
      title: 'Database upgrade',
      components: ['CRM', 'Core'],
    });
  });

  test('the times may hold spaces and zones; the title keeps its inner spacing', () => {
    expect(commandOf('maintenance schedule 2026-12-01 02:00 America/Sao_Paulo to 2026-12-01 04:00 America/Sao_Paulo DB  upgrade')).toEqual({
      verb: 'maintenance',
      action: 'schedule',
      window: '2026-12-01 02:00 America/Sao_Paulo to 2026-12-01 04:00 America/Sao_Paulo',
      title: 'DB  upgrade',
    });
  });

  test.each([
    ['2026-12-01 02:00 - 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 to 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 TO 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 – 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 — 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 → 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['2026-12-01 02:00 -> 04:00 DB', '2026-12-01 02:00 to 04:00'],
    ['02:00 -03:00 - 04:00 -03:00 DB', '02:00 -03:00 to 04:00 -03:00'],
    ['02:00 - 04:00 UTC DB', '02:00 to 04:00 UTC'],
    ['02:00 - 04:00 UTC -3 DB', '02:00 to 04:00 UTC -3'],
    ['02:00 - 2026-12-02 04:00 Europe/Berlin DB', '02:00 to 2026-12-02 04:00 Europe/Berlin'],
    ['2026-12-01T02:00:00Z - 2026-12-01T04:00:00Z DB', '2026-12-01T02:00:00Z to 2026-12-01T04:00:00Z'],
    ['now - 04:00 DB', 'now to 04:00'],
  ])('separators and time forms: %s', (text, window) => {
    expect(commandOf(`maintenance schedule ${text}`)).toEqual({ verb: 'maintenance', action: 'schedule', window, title: 'DB' });
  });

  test('a title word that is also a zone name (Poland, EST) stays in the title', () => {
    expect(commandOf('maintenance schedule 02:00 - 04:00 Poland datacenter move')).toMatchObject({ window: '02:00 to 04:00', title: 'Poland datacenter move' });
    expect(commandOf('maintenance schedule 02:00 - 04:00 EST cluster')).toMatchObject({ window: '02:00 to 04:00', title: 'EST cluster' });
    expect(commandOf('maintenance schedule 02:00 - 04:00 2FA rollout')).toMatchObject({ window: '02:00 to 04:00', title: '2FA rollout' });
  });

  test('a leading INC-n is not an incident id: maintenance names no incident', () => {
    expect(rejectionOf('maintenance INC-3 list')).toBe('maintenance needs schedule, cancel or list (got "INC-3").');
  });

  test('an impossible end time is still the end, for the service to explain', () => {
    expect(commandOf('maintenance schedule 02:00 - 25:00 DB')).toMatchObject({ window: '02:00 to 25:00', title: 'DB' });
  });

  test('the action is case-insensitive', () => {
    expect(commandOf('Maintenance SCHEDULE 02:00 - 04:00 DB')).toMatchObject({ action: 'schedule' });
  });

  test.each([
    ['maintenance schedule', `Give the window and a title, ${example}.`],
    ['maintenance schedule --components CRM', `Give the window and a title, ${example}.`],
    ['maintenance schedule 02:00 04:00 DB', `Separate the start and the end with " - " or " to ", ${example}.`],
    ['maintenance schedule 02:00-04:00 DB', `Separate the start and the end with " - " or " to ", ${example}.`],
    ['maintenance schedule - 04:00 DB', `Give the start before "-", ${example}.`],
    ['maintenance schedule 02:00 to', `Give the end after "to", then the title, ${example}.`],
    [
      'maintenance schedule Database upgrade 02:00 - 04:00',
      `Could not read "Database upgrade 02:00" as the start time; the window comes before the title, ${example}.`,
    ],
    ['maintenance schedule 02:00 - soon DB', 'Could not read an end time after "-" (got "soon DB"); write it like 04:00 or 2026-12-01 04:00.'],
    ['maintenance schedule 02:00 - 04:00', `A maintenance needs a title after its window, ${example}.`],
    ['maintenance schedule 02:00 - 04:00   --components CRM', `A maintenance needs a title after its window, ${example}.`],
    [`maintenance schedule 02:00 - 04:00 ${'x'.repeat(201)}`, 'The title is 201 characters long; the limit is 200.'],
    ['maintenance schedule 02:00 - 04:00 DB --components , ,', '--components needs at least one component name.'],
    ['maintenance schedule 02:00 - 04:00 DB --sev 1', 'Unknown flag --sev for maintenance schedule (it takes --components).'],
    ['maintenance schedule 02:00 - 04:00 DB --components A --components B', '--components is given twice.'],
  ])('%j is refused', (line, error) => {
    expect(rejectionOf(line)).toBe(error);
  });
});

describe('maintenance cancel', () => {
  test.each([
    ['maintenance cancel M3', 3],
    ['maintenance cancel m12', 12],
    ['maintenance cancel MNT-3', 3],
    ['maintenance cancel #mnt-7', 7],
  ])('%s', (line, id) => {
    expect(commandOf(line)).toEqual({ verb: 'maintenance', action: 'cancel', id });
  });

  test.each([
    ['maintenance cancel', 'Say which maintenance to cancel, like M3 (see /incident maintenance list).'],
    ['maintenance cancel 3', 'Maintenance ids look like M3 or MNT-3 (got "3").'],
    ['maintenance cancel M0', 'Maintenance ids look like M3 or MNT-3 (got "M0").'],
    ['maintenance cancel D3', 'Maintenance ids look like M3 or MNT-3 (got "D3").'],
    ['maintenance cancel M3 please', 'maintenance cancel takes one maintenance id, like M3 (got "M3 please").'],
    ['maintenance cancel M3 --components CRM', 'maintenance cancel takes no flags (got --components).'],
  ])('%j is refused', (line, error) => {
    expect(rejectionOf(line)).toBe(error);
  });
});

describe('maintenance list and the action', () => {
  test('list', () => {
    expect(commandOf('maintenance list')).toEqual({ verb: 'maintenance', action: 'list' });
    expect(commandOf('  /incident MAINTENANCE List ')).toEqual({ verb: 'maintenance', action: 'list' });
  });

  test.each([
    ['maintenance', 'maintenance needs schedule, cancel or list.'],
    ['maintenance --components CRM', 'maintenance needs schedule, cancel or list.'],
    ['maintenance postpone M3', 'maintenance needs schedule, cancel or list (got "postpone").'],
    ['maintenance list all', 'maintenance list takes nothing after it (got "all").'],
    ['maintenance list --all', 'maintenance list takes no flags (got --all).'],
  ])('%j is refused', (line, error) => {
    expect(rejectionOf(line)).toBe(error);
  });

  test('help knows the verb', () => {
    expect(commandOf('help maintenance')).toEqual({ verb: 'help', topic: 'maintenance' });
  });
});
