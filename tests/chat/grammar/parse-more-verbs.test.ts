import { describe, expect, test } from 'vitest';
import { parseCommand } from '../../../src/chat/grammar/parse.ts';
import { commandOf } from './parsed.ts';

describe('commander', () => {
  test('a plain name', () => {
    expect(commandOf('commander alice')).toEqual({ verb: 'commander', user: 'alice' });
  });

  test('the @ is dropped', () => {
    expect(commandOf('commander INC-4 @alice.smith')).toEqual({ verb: 'commander', incident: 4, user: 'alice.smith' });
  });

  test('Slack mentions are kept as written for the adapter to resolve', () => {
    expect(commandOf('commander <@U123ABC>')).toEqual({ verb: 'commander', user: '<@U123ABC>' });
    expect(commandOf('commander <@U123ABC|alice>')).toEqual({ verb: 'commander', user: '<@U123ABC|alice>' });
  });
});

describe('sev', () => {
  test.each([1, 2, 3, 4])('sev %i', (severity) => {
    expect(commandOf(`sev ${severity}`)).toEqual({ verb: 'sev', severity });
  });

  test('with an incident', () => {
    expect(commandOf('sev INC-9 1')).toEqual({ verb: 'sev', incident: 9, severity: 1 });
  });
});

describe('components', () => {
  test('names with spaces, pairs separated by spaces', () => {
    expect(commandOf('components Artificial Intelligence=degraded_performance Core=operational')).toEqual({
      verb: 'components',
      changes: [
        { name: 'Artificial Intelligence', state: 'degraded_performance' },
        { name: 'Core', state: 'operational' },
      ],
    });
  });

  test('quoted names, commas, spaces around =, and an incident', () => {
    expect(commandOf('components INC-2 "Cloud Infrastructure"=major_outage, CRM = partial_outage,Core=under_maintenance')).toEqual({
      verb: 'components',
      incident: 2,
      changes: [
        { name: 'Cloud Infrastructure', state: 'major_outage' },
        { name: 'CRM', state: 'partial_outage' },
        { name: 'Core', state: 'under_maintenance' },
      ],
    });
  });

  test('a quoted name may hold commas and =; smart quotes work', () => {
    expect(commandOf('components “Billing, EU=1”=ok')).toEqual({
      verb: 'components',
      changes: [{ name: 'Billing, EU=1', state: 'operational' }],
    });
  });

  test('an apostrophe inside an unquoted name is part of it', () => {
    expect(commandOf("components Bob's API=ok")).toEqual({
      verb: 'components',
      changes: [{ name: "Bob's API", state: 'operational' }],
    });
  });

  test.each([
    ['ok', 'operational'],
    ['degraded', 'degraded_performance'],
    ['partial', 'partial_outage'],
    ['outage', 'major_outage'],
    ['major', 'major_outage'],
    ['maintenance', 'under_maintenance'],
    ['OK', 'operational'],
    ['Degraded-Performance', 'degraded_performance'],
    ['MAJOR_OUTAGE', 'major_outage'],
    ['under-maintenance', 'under_maintenance'],
  ])('state %s means %s', (written, state) => {
    expect(commandOf(`components CRM=${written}`)).toEqual({ verb: 'components', changes: [{ name: 'CRM', state }] });
  });
});

describe('impact', () => {
  test('the time text is passed on raw, trimmed', () => {
    expect(commandOf('impact   14:05   15:30 ')).toEqual({ verb: 'impact', text: '14:05   15:30' });
  });

  test('with an incident', () => {
    expect(commandOf('impact INC-3 yesterday 23:10')).toEqual({ verb: 'impact', incident: 3, text: 'yesterday 23:10' });
  });
});

describe('resolve', () => {
  test('alone, with text, with an incident', () => {
    expect(commandOf('resolve')).toEqual({ verb: 'resolve' });
    expect(commandOf('resolve   ')).toEqual({ verb: 'resolve' });
    expect(commandOf('resolve fixed by rollback')).toEqual({ verb: 'resolve', text: 'fixed by rollback' });
    expect(commandOf('resolve INC-3')).toEqual({ verb: 'resolve', incident: 3 });
  });
});

describe('report', () => {
  test('alone it drafts from the record; preview takes a language', () => {
    expect(commandOf('report')).toEqual({ verb: 'report', action: 'draft' });
    expect(commandOf('/incident report INC-7')).toEqual({ verb: 'report', action: 'draft', incident: 7 });
    expect(commandOf('report preview')).toEqual({ verb: 'report', action: 'preview' });
    expect(commandOf('report INC-7 Preview --lang PT-br')).toEqual({ verb: 'report', action: 'preview', incident: 7, lang: 'pt-BR' });
    expect(parseCommand('report preview now').ok).toBe(false);
  });

  test('a section, in the default language or one named right after it', () => {
    expect(commandOf('report happened A cache node failed.')).toEqual({ verb: 'report', action: 'section', section: 'happened', text: 'A cache node failed.' });
    expect(commandOf('report INC-7 Impact --lang es Mensajes lentos')).toEqual({
      verb: 'report',
      action: 'section',
      incident: 7,
      section: 'impact',
      lang: 'es',
      text: 'Mensajes lentos',
    });
    expect(parseCommand('report happened --lang fr Le cache.').ok).toBe(false);
  });

  test('a word that is no section is refused, naming the sections, and quoting only the start of a long word', () => {
    const refusal = parseCommand(`report ${'z'.repeat(5000)}`);
    expect(refusal).toMatchObject({ ok: false, error: expect.stringContaining('(opening, happened, impact, actions, now, prevention or closing)') });
    expect(!refusal.ok && refusal.error.length).toBeLessThan(300);
  });

  test('paragraphs keep their newlines', () => {
    const text = 'A cache node failed.\n\nWe replaced it.';
    expect(commandOf(`report INC-7 actions\n${text}\n`)).toEqual({ verb: 'report', action: 'section', incident: 7, section: 'actions', text });
  });

  test('dashes and double hyphens in the prose are text, not flags', () => {
    expect(commandOf('report impact --sev 1 customers —all of them')).toEqual({
      verb: 'report',
      action: 'section',
      section: 'impact',
      text: '--sev 1 customers —all of them',
    });
  });
});

describe('key moments', () => {
  test('note --key marks the note, wherever the switch is typed', () => {
    expect(commandOf('note --key server clock jumped')).toEqual({ verb: 'note', text: 'server clock jumped', key: true });
    expect(commandOf('note server clock jumped --key')).toEqual({ verb: 'note', text: 'server clock jumped', key: true });
    expect(commandOf('note server clock --key jumped --at 10:50')).toEqual({ verb: 'note', text: 'server clock jumped', key: true, at: '10:50' });
  });

  test('key and unkey take one timeline entry', () => {
    expect(commandOf('key #7')).toEqual({ verb: 'key', entry: 7 });
    expect(commandOf('unkey INC-2 7')).toEqual({ verb: 'unkey', incident: 2, entry: 7 });
    expect(parseCommand('key').ok).toBe(false);
    expect(parseCommand('key #7 #8').ok).toBe(false);
    expect(parseCommand('key seven').ok).toBe(false);
  });
});

describe('summary, timeline, list', () => {
  test('summary and timeline take an optional incident', () => {
    expect(commandOf('summary')).toEqual({ verb: 'summary' });
    expect(commandOf('timeline')).toEqual({ verb: 'timeline' });
    expect(commandOf('timeline INC-8')).toEqual({ verb: 'timeline', incident: 8 });
    expect(commandOf('deliveries')).toEqual({ verb: 'deliveries' });
    expect(commandOf('deliveries INC-8')).toEqual({ verb: 'deliveries', incident: 8 });
  });

  test('list', () => {
    expect(commandOf('list')).toEqual({ verb: 'list' });
  });
});

describe('channel', () => {
  test('subscribe alone', () => {
    expect(commandOf('/incident channel subscribe')).toEqual({ verb: 'channel', action: 'subscribe' });
  });

  test('subscribe with components, language and time zone', () => {
    expect(commandOf('channel subscribe --components "CRM, Core" --lang pt-BR --tz America/Sao_Paulo')).toEqual({
      verb: 'channel',
      action: 'subscribe',
      components: ['CRM', 'Core'],
      lang: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
    });
  });

  test('flags in any order, with =, quoted, or made into dashes by a phone', () => {
    expect(commandOf('channel subscribe --tz=“America/Sao_Paulo” —lang es')).toEqual({
      verb: 'channel',
      action: 'subscribe',
      lang: 'es',
      timeZone: 'America/Sao_Paulo',
    });
  });

  test('components parse like declare’s: trimmed, smart quotes, empty items and duplicates dropped', () => {
    expect(commandOf('channel subscribe --components “CRM”, , Core Banking, crm ,CRM')).toEqual({
      verb: 'channel',
      action: 'subscribe',
      components: ['CRM', 'Core Banking'],
    });
  });

  test.each([
    ['en', 'en'],
    ['EN', 'en'],
    ['pt-br', 'pt-BR'],
    ['PT-BR', 'pt-BR'],
    ['pt-BR', 'pt-BR'],
    ['Es', 'es'],
  ])('--lang %s means %s', (written, lang) => {
    expect(commandOf(`channel subscribe --lang ${written}`)).toEqual({ verb: 'channel', action: 'subscribe', lang });
  });

  test('the time zone is kept as written, trimmed', () => {
    expect(commandOf('channel subscribe --tz   america/sao_paulo   ')).toEqual({
      verb: 'channel',
      action: 'subscribe',
      timeZone: 'america/sao_paulo',
    });
    expect(commandOf('channel subscribe --tz UTC')).toMatchObject({ timeZone: 'UTC' });
  });

  test('unsubscribe and list', () => {
    expect(commandOf('channel unsubscribe')).toEqual({ verb: 'channel', action: 'unsubscribe' });
    expect(commandOf('channel list')).toEqual({ verb: 'channel', action: 'list' });
    expect(commandOf('  /incident  CHANNEL   List  ')).toEqual({ verb: 'channel', action: 'list' });
  });

  test('actions are case-insensitive', () => {
    expect(commandOf('channel SUBSCRIBE --lang es')).toEqual({ verb: 'channel', action: 'subscribe', lang: 'es' });
    expect(commandOf('Channel Unsubscribe')).toEqual({ verb: 'channel', action: 'unsubscribe' });
  });

  test('channel names no incident', () => {
    expect('incident' in commandOf('channel list')).toBe(false);
  });
});

describe('help', () => {
  test('help alone and about a verb, any case', () => {
    expect(commandOf('help')).toEqual({ verb: 'help' });
    expect(commandOf('help Components')).toEqual({ verb: 'help', topic: 'components' });
    expect(commandOf('/incident HELP sev')).toEqual({ verb: 'help', topic: 'sev' });
    expect(commandOf('help channel')).toEqual({ verb: 'help', topic: 'channel' });
  });
});
