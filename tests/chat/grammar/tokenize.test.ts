import { describe, expect, test } from 'vitest';
import { componentChanges, stateOf } from '../../../src/chat/grammar/component-changes.ts';
import { canonical, draftOf, nameList, numberOr, splitFlags, splitVerb, takeIncident, trimQuotes } from '../../../src/chat/grammar/tokenize.ts';

describe('splitVerb', () => {
  test('the verb as typed and the rest with its inner spacing', () => {
    expect(splitVerb('  /incident  Note  a  b ')).toEqual({ verb: 'Note', rest: 'a  b' });
  });

  test('no verb in an empty line or a bare /incident', () => {
    expect(splitVerb('')).toEqual({ rest: '' });
    expect(splitVerb(' /incident ')).toEqual({ rest: '' });
  });

  test('/incident is only a prefix when it is a word of its own', () => {
    expect(splitVerb('/incidents list')).toEqual({ verb: '/incidents', rest: 'list' });
  });
});

describe('splitFlags', () => {
  test('text up to the first flag, each value up to the next', () => {
    expect(splitFlags('DB down --sev 1 --components A, B')).toEqual({
      text: 'DB down ',
      flags: [
        { name: 'sev', value: ' 1 ' },
        { name: 'components', value: ' A, B' },
      ],
    });
  });

  test('flag names are case-insensitive and may carry =value', () => {
    expect(splitFlags('x --SEV=2').flags).toEqual([{ name: 'sev', value: '2' }]);
  });

  test('a flag at the very start and one with no value', () => {
    expect(splitFlags('--sev')).toEqual({ text: '', flags: [{ name: 'sev', value: '' }] });
  });

  test('dashes that do not start a word followed by a letter are text', () => {
    expect(splitFlags('a -- b --1 e-mail--x – y')).toEqual({ text: 'a -- b --1 e-mail--x – y', flags: [] });
  });
});

describe('takeIncident', () => {
  test('splits off a leading id', () => {
    expect(takeIncident(' #inc-42  the rest ')).toEqual({ incident: 42, rest: 'the rest ' });
  });

  test('leaves text without an id alone', () => {
    expect(takeIncident('hello INC-4')).toEqual({ rest: 'hello INC-4' });
  });

  test('keeps an id that is no counting number as typed', () => {
    expect(takeIncident('INC-0 x')).toEqual({ incident: 'INC-0', rest: 'x' });
  });
});

describe('small helpers', () => {
  test('numberOr takes only counting numbers that fit', () => {
    expect(numberOr('12')).toBe(12);
    expect(numberOr('0')).toBe('0');
    expect(numberOr('1.5')).toBe('1.5');
    expect(numberOr('9007199254740993')).toBe('9007199254740993');
    expect(numberOr('x', 'typed')).toBe('typed');
  });

  test('draftOf reads D<k> in any case and keeps anything else', () => {
    expect(draftOf('d7')).toBe(7);
    expect(draftOf('X3')).toBe('X3');
    expect(draftOf('D')).toBe('D');
  });

  test('canonical matches case-insensitively', () => {
    expect(canonical('ReSolved', ['resolved', 'identified'])).toBe('resolved');
    expect(canonical('fixed', ['resolved'])).toBeUndefined();
    expect(canonical('PT-br', ['en', 'pt-BR'])).toBe('pt-BR');
  });

  test('trimQuotes strips plain and typographic quotes at the edges only', () => {
    expect(trimQuotes(' “CRM, Core” ')).toBe('CRM, Core');
    expect(trimQuotes("'Bob's API'")).toBe("Bob's API");
  });

  test('nameList splits, trims, drops blanks and repeats', () => {
    expect(nameList('"A, B", ,a ,C')).toEqual(['A', 'B', 'C']);
  });
});

describe('component changes', () => {
  test('stateOf knows aliases and leaves unknown words as typed', () => {
    expect(stateOf('Partial')).toBe('partial_outage');
    expect(stateOf('partial-outage')).toBe('partial_outage');
    expect(stateOf('Broken')).toBe('Broken');
    expect(stateOf('constructor')).toBe('constructor');
  });

  test('pairs with an unknown state are passed on for validation to reject', () => {
    expect(componentChanges('CRM=broken')).toEqual({ ok: true, changes: [{ name: 'CRM', state: 'broken' }] });
  });

  test('text between pairs that is not a separator is reported', () => {
    expect(componentChanges('A=ok junk, B=ok')).toEqual({ ok: false, error: 'Expected <name>=<state>, got "junk".' });
  });

  test('nothing at all is no pairs', () => {
    expect(componentChanges(' , ')).toEqual({ ok: true, changes: [] });
  });
});
