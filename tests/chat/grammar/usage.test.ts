import { describe, expect, test } from 'vitest';
import { verbs } from '../../../src/chat/grammar/commands.ts';
import { helpText, usageOf } from '../../../src/chat/grammar/usage.ts';

describe('usageOf', () => {
  test('declare, exactly', () => {
    expect(usageOf('declare')).toBe('Usage: /incident declare <title> [--sev 1-4] [--components "CRM, Core"]');
  });

  test('the forms of the other verbs', () => {
    expect(usageOf('note')).toBe('Usage: /incident note [INC-n] <text> [--at <time>] [--key]');
    expect(usageOf('status')).toBe('Usage: /incident status [INC-n] <investigating|identified|monitoring|resolved>');
    expect(usageOf('public')).toBe('Usage: /incident public [INC-n] <status> <text>');
    expect(usageOf('approve')).toBe('Usage: /incident approve [INC-n] [D<k>]');
    expect(usageOf('reject')).toBe('Usage: /incident reject [INC-n] [D<k>] [reason]');
    expect(usageOf('commander')).toBe('Usage: /incident commander [INC-n] <user>');
    expect(usageOf('sev')).toBe('Usage: /incident sev [INC-n] <1-4>');
    expect(usageOf('components')).toBe('Usage: /incident components [INC-n] <name>=<state> …');
    expect(usageOf('impact')).toBe('Usage: /incident impact [INC-n] <start> [<end>]');
    expect(usageOf('resolve')).toBe('Usage: /incident resolve [INC-n] [text]');
    expect(usageOf('report')).toBe(
      'Usage: /incident report [INC-n] | report [INC-n] preview [--lang pt-BR] | report [INC-n] <opening|happened|impact|actions|now|prevention|closing> [--lang pt-BR] <text>',
    );
    expect(usageOf('key')).toBe('Usage: /incident key [INC-n] #<entry>');
    expect(usageOf('summary')).toBe('Usage: /incident summary [INC-n]');
    expect(usageOf('timeline')).toBe('Usage: /incident timeline [INC-n]');
    expect(usageOf('list')).toBe('Usage: /incident list');
    expect(usageOf('channel')).toBe(
      'Usage: /incident channel subscribe [--components "CRM, Core"] [--lang pt-BR] [--tz America/Sao_Paulo] | unsubscribe | list',
    );
    expect(usageOf('maintenance')).toBe('Usage: /incident maintenance schedule <start> - <end> <title> [--components "CRM, Core"] | cancel M<k> | list');
    expect(usageOf('help')).toBe('Usage: /incident help [verb]');
  });
});

describe('helpText', () => {
  const text = helpText();

  test('holds every usage form, each followed by an indented meaning', () => {
    const lines = text.split('\n');
    for (const verb of verbs) {
      const form = usageOf(verb).replace(/^Usage: /, '');
      const at = lines.indexOf(form);
      expect(at, verb).toBeGreaterThan(-1);
      expect(lines[at + 1], verb).toMatch(/^ {4}\S.*\.$/);
    }
  });

  test('lists the forms in the order of the verbs', () => {
    const positions = verbs.map((verb) => text.indexOf(`/incident ${verb}`));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
  });

  test('channel is there with what it is for', () => {
    expect(text).toContain(
      '/incident channel subscribe [--components "CRM, Core"] [--lang pt-BR] [--tz America/Sao_Paulo] | unsubscribe | list\n' +
        '    Register this channel for customer updates (admins only).',
    );
  });

  test('explains the incident id and the state aliases', () => {
    expect(text).toContain('INC-n names the incident');
    expect(text).toContain('ok, degraded, partial, outage, maintenance');
  });
});
