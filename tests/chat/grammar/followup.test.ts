import { describe, expect, test } from 'vitest';
import { commandOf, errorOf } from './parsed.ts';

const usage =
  'Usage: /incident followup add [INC-n] <text> [--owner <user>] [--due <day>] [--public] | done F<k> | reopen F<k> | list [INC-n] [--open] [--mine]';

describe('followup add', () => {
  test('the text as typed, the owner, the due day as typed and --public', () => {
    expect(commandOf('/incident followup add Alert on queue depth --owner @bob --due in 3 days --public')).toEqual({
      verb: 'followup',
      action: 'add',
      text: 'Alert on queue depth',
      owner: 'bob',
      due: 'in 3 days',
      public: true,
    });
  });

  test('the incident comes after the action; --public may come first, the text going on after it', () => {
    expect(commandOf('followup ADD inc-4 --public Rotate the keys --due=2021-09-30')).toEqual({
      verb: 'followup',
      action: 'add',
      incident: 4,
      text: 'Rotate the keys',
      due: '2021-09-30',
      public: true,
    });
  });

  test('a Slack mention is kept for the adapter to resolve', () => {
    expect(commandOf('followup add Fix the pager --owner <@U123ABC|bob>')).toMatchObject({ owner: '<@U123ABC|bob>' });
  });

  test('no text, a flag of another command, a flag without its value, a text with a control character', () => {
    expect(errorOf('followup add --owner bob')).toEqual({
      error: 'A follow-up needs text, like: followup add Alert on queue depth --owner @alice --due friday.',
      usage,
    });
    expect(errorOf('followup add Fix it --sev 2')).toEqual({
      error: 'Unknown flag --sev for followup add (it takes --owner, --due and --public).',
      usage,
    });
    expect(errorOf('followup add Fix it --due')).toEqual({ error: '--due needs a value.', usage });
    expect(errorOf('followup add Fix it --owner bob alice')).toEqual({
      error: 'An owner is one user, like alice, @alice or a Slack mention (got "bob alice").',
      usage,
    });
    expect(errorOf('followup add Fix\u0000 it').error).toMatch(/^The follow-up has U\+0000 NULL at character 4: /);
  });
});

describe('followup done and reopen', () => {
  test('name a follow-up by its number across incidents', () => {
    expect(commandOf('followup done F12')).toEqual({ verb: 'followup', action: 'done', followUp: 12 });
    expect(commandOf('followup reopen f3')).toEqual({ verb: 'followup', action: 'reopen', followUp: 3 });
  });

  test('a missing, misshapen or second id is refused', () => {
    expect(errorOf('followup done')).toEqual({ error: 'Say which follow-up, like F3 (see /incident followup list).', usage });
    expect(errorOf('followup done D3')).toEqual({ error: 'Follow-up ids look like F3 (got "D3").', usage });
    expect(errorOf('followup done F3 F4')).toEqual({ error: 'followup done takes one follow-up id, like F3 (got "F3 F4").', usage });
    expect(errorOf('followup done F3 --public')).toEqual({ error: 'followup done takes no flags (got --public).', usage });
  });
});

describe('followup list', () => {
  test('across incidents, or of one, open only and owned by the person typing', () => {
    expect(commandOf('followup list')).toEqual({ verb: 'followup', action: 'list' });
    expect(commandOf('followup list INC-2 --open --mine')).toEqual({ verb: 'followup', action: 'list', incident: 2, open: true, mine: true });
  });

  test('words that are no incident id, and an unknown action, are refused', () => {
    expect(errorOf('followup list everything')).toEqual({
      error: 'followup list takes at most an incident id, like INC-7, and --open or --mine (got "everything").',
      usage,
    });
    expect(errorOf('followup close F3')).toEqual({ error: 'followup needs add, done, reopen or list (got "close").', usage });
    expect(errorOf('followup')).toEqual({ error: 'followup needs add, done, reopen or list.', usage });
  });
});
