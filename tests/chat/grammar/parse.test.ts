import { describe, expect, test } from 'vitest';
import { Command } from '../../../src/chat/grammar/commands.ts';
import { commandOf } from './parsed.ts';

describe('the line around the verb', () => {
  test('an empty line, whitespace or a bare /incident asks for help', () => {
    expect(commandOf('')).toEqual({ verb: 'help' });
    expect(commandOf('   \t ')).toEqual({ verb: 'help' });
    expect(commandOf('/incident')).toEqual({ verb: 'help' });
    expect(commandOf('  /INCIDENT  ')).toEqual({ verb: 'help' });
  });

  test('the leading /incident is optional, as Slack passes only the text after it', () => {
    expect(commandOf('/incident list')).toEqual({ verb: 'list' });
    expect(commandOf('list')).toEqual({ verb: 'list' });
    expect(commandOf('/Incident   list  ')).toEqual({ verb: 'list' });
  });

  test('verbs are case-insensitive', () => {
    expect(commandOf('LIST')).toEqual({ verb: 'list' });
    expect(commandOf('Summary')).toEqual({ verb: 'summary' });
    expect(commandOf('NoTe hello')).toEqual({ verb: 'note', text: 'hello' });
  });

  test('every command parsed is a valid Command', () => {
    for (const line of ['declare A --sev 2', 'note hi', 'components CRM=ok', 'help sev', 'approve D1', 'channel subscribe --lang es']) {
      expect(Command.safeParse(commandOf(line)).success).toBe(true);
    }
  });
});

describe('incident ids', () => {
  test('INC-n right after the verb names the incident', () => {
    expect(commandOf('note INC-7 restarted the pod')).toEqual({ verb: 'note', incident: 7, text: 'restarted the pod' });
  });

  test('ids are case-insensitive and may start with #', () => {
    expect(commandOf('summary inc-12')).toEqual({ verb: 'summary', incident: 12 });
    expect(commandOf('summary #INC-3')).toEqual({ verb: 'summary', incident: 3 });
    expect(commandOf('summary #inc-003')).toEqual({ verb: 'summary', incident: 3 });
  });

  test('without an id the incident is left to the caller', () => {
    const command = commandOf('note restarted the pod');
    expect(command).toEqual({ verb: 'note', text: 'restarted the pod' });
    expect('incident' in command).toBe(false);
  });

  test('an id later in the text is just text', () => {
    expect(commandOf('note see INC-4 for the cause')).toEqual({ verb: 'note', text: 'see INC-4 for the cause' });
  });

  test('a word that only starts like an id is text', () => {
    expect(commandOf('note INC-x broke')).toEqual({ verb: 'note', text: 'INC-x broke' });
  });
});

describe('declare', () => {
  test('a title alone', () => {
    expect(commandOf('/incident declare Checkout is failing')).toEqual({ verb: 'declare', title: 'Checkout is failing' });
  });

  test('severity and components', () => {
    expect(commandOf('declare Checkout is failing --sev 1 --components "CRM, Core"')).toEqual({
      verb: 'declare',
      title: 'Checkout is failing',
      severity: 1,
      components: ['CRM', 'Core'],
    });
  });

  test('flags in any order, the title keeps its inner spacing', () => {
    expect(commandOf('DECLARE  DB  down   --components Core --sev 3  ')).toEqual({
      verb: 'declare',
      title: 'DB  down',
      severity: 3,
      components: ['Core'],
    });
  });

  test('components unquoted up to the next flag, trimmed, empty items and duplicates dropped', () => {
    expect(commandOf('declare X --components CRM ,, Core Banking, crm,  CRM , --sev 2')).toEqual({
      verb: 'declare',
      title: 'X',
      severity: 2,
      components: ['CRM', 'Core Banking'],
    });
  });

  test("Slack's smart quotes count as quotes", () => {
    expect(commandOf('declare X --components “CRM, Core” --sev ‘2’')).toMatchObject({
      components: ['CRM', 'Core'],
      severity: 2,
    });
  });

  test('single quotes and quoted items', () => {
    expect(commandOf(`declare X --components 'CRM', "Core"`)).toMatchObject({ components: ['CRM', 'Core'] });
  });

  test('--flag=value works like --flag value', () => {
    expect(commandOf('declare X --sev=4')).toEqual({ verb: 'declare', title: 'X', severity: 4 });
  });

  test('a dash that a phone made out of -- still starts a flag', () => {
    expect(commandOf('declare X —sev 2')).toEqual({ verb: 'declare', title: 'X', severity: 2 });
  });

  test('dashes inside the title are not flags', () => {
    expect(commandOf('declare Login -- slow – mostly EU e-mail--sync')).toEqual({
      verb: 'declare',
      title: 'Login -- slow – mostly EU e-mail--sync',
    });
  });

  test('a leading INC-n is part of the title: declare names no existing incident', () => {
    expect(commandOf('declare INC-3 follow-up')).toEqual({ verb: 'declare', title: 'INC-3 follow-up' });
  });

  test('a title of exactly 200 characters is accepted', () => {
    expect(commandOf(`declare ${'x'.repeat(200)}`)).toMatchObject({ title: 'x'.repeat(200) });
  });
});

describe('note', () => {
  test('text keeps its inner spacing and loses its outer whitespace', () => {
    expect(commandOf('note   rolled back  to v41   ')).toEqual({ verb: 'note', text: 'rolled back  to v41' });
  });

  test('quotes in free text are kept as written', () => {
    expect(commandOf('note customer said "it\'s broken"')).toEqual({ verb: 'note', text: 'customer said "it\'s broken"' });
  });

  test('text of exactly 4000 characters is accepted', () => {
    expect(commandOf(`note ${'y'.repeat(4000)}`)).toMatchObject({ text: 'y'.repeat(4000) });
  });
});

describe('status', () => {
  test.each(['investigating', 'identified', 'monitoring', 'resolved'] as const)('%s', (status) => {
    expect(commandOf(`status ${status}`)).toEqual({ verb: 'status', status });
  });

  test('with an incident and any case', () => {
    expect(commandOf('status INC-3 Monitoring')).toEqual({ verb: 'status', incident: 3, status: 'monitoring' });
  });
});

describe('public', () => {
  test('a status then the text', () => {
    expect(commandOf('public INC-2 monitoring We  deployed a fix.')).toEqual({
      verb: 'public',
      incident: 2,
      status: 'monitoring',
      text: 'We  deployed a fix.',
    });
  });

  test('without an incident', () => {
    expect(commandOf('public Identified The cause is known')).toEqual({
      verb: 'public',
      status: 'identified',
      text: 'The cause is known',
    });
  });
});

describe('approve and reject', () => {
  test('approve alone, with a draft, with an incident and a draft', () => {
    expect(commandOf('approve')).toEqual({ verb: 'approve' });
    expect(commandOf('approve D3')).toEqual({ verb: 'approve', draft: 3 });
    expect(commandOf('approve INC-2 d14')).toEqual({ verb: 'approve', incident: 2, draft: 14 });
  });

  test('reject with a draft and a reason', () => {
    expect(commandOf('reject D3 the numbers  are wrong')).toEqual({
      verb: 'reject',
      draft: 3,
      reason: 'the numbers  are wrong',
    });
  });

  test('reject with only a reason', () => {
    expect(commandOf('reject INC-5 too early')).toEqual({ verb: 'reject', incident: 5, reason: 'too early' });
  });

  test('reject with nothing, or only an incident and a draft', () => {
    expect(commandOf('reject')).toEqual({ verb: 'reject' });
    expect(commandOf('reject INC-5 d2  ')).toEqual({ verb: 'reject', incident: 5, draft: 2 });
  });

  test('a reason that merely starts with D is a reason', () => {
    expect(commandOf('reject Doubtful wording')).toEqual({ verb: 'reject', reason: 'Doubtful wording' });
  });
});
