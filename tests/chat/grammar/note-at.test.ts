import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../../src/chat/grammar/parse.ts';

function parsed(line: string) {
  const result = parseCommand(line);
  if (!result.ok) throw new Error(`expected "${line}" to parse, got: ${result.error}`);
  return result.command;
}

function refused(line: string): string {
  const result = parseCommand(line);
  if (result.ok) throw new Error(`expected "${line}" to be refused`);
  return result.error;
}

/** The grammar only carries the time as typed; reading it is the service's, against the verified clock. */
describe('note --at', () => {
  test('the time runs to the end of the line, spaces and all, quoted or not', () => {
    expect(parsed('note cache is back --at 10 minutes ago')).toEqual({ verb: 'note', text: 'cache is back', at: '10 minutes ago' });
    expect(parsed('note INC-3 failover --at 2021-09-13 11:12 America/Sao_Paulo')).toEqual({
      verb: 'note',
      incident: 3,
      text: 'failover',
      at: '2021-09-13 11:12 America/Sao_Paulo',
    });
    expect(parsed('note paged --at "11:12 -03:00"')).toMatchObject({ at: '11:12 -03:00' });
    expect(parsed('note paged —at 11:12')).toMatchObject({ at: '11:12' });
  });

  test('without --at a note has no time of its own', () => {
    expect(parsed('note paged')).toEqual({ verb: 'note', text: 'paged' });
  });

  test('an empty or repeated --at, another flag, or an overlong time is refused', () => {
    expect(refused('note paged --at')).toBe('--at needs a value.');
    expect(refused('note paged --at 11:12 --at 11:13')).toBe('--at is given twice.');
    expect(refused('note paged --when 11:12')).toBe('Unknown flag --when for note (it takes --at and --key).');
    expect(refused(`note paged --at ${'1'.repeat(201)}`)).toBe('The time after --at is 201 characters long; the limit is 200.');
  });
});
