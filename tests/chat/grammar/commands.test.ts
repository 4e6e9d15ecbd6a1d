import { describe, expect, test } from 'vitest';
import { Command, verbs } from '../../../src/chat/grammar/commands.ts';

describe('the Command schema', () => {
  test('there is one verb per table row, in order', () => {
    expect(verbs).toEqual([
      'declare',
      'note',
      'key',
      'unkey',
      'status',
      'public',
      'approve',
      'reject',
      'commander',
      'role',
      'sev',
      'components',
      'impact',
      'relate',
      'unrelate',
      'resolve',
      'snooze',
      'report',
      'followup',
      'summary',
      'timeline',
      'deliveries',
      'list',
      'metrics',
      'channel',
      'maintenance',
      'webhook',
      'help',
    ]);
  });

  test('accepts well-formed commands from any source', () => {
    expect(Command.parse({ verb: 'sev', incident: 2, severity: 4 })).toEqual({ verb: 'sev', incident: 2, severity: 4 });
    expect(Command.parse({ verb: 'components', changes: [{ name: ' CRM ', state: 'major_outage' }] })).toEqual({
      verb: 'components',
      changes: [{ name: 'CRM', state: 'major_outage' }],
    });
    expect(Command.parse({ verb: 'channel', action: 'subscribe', components: ['CRM'], lang: 'pt-BR', timeZone: ' America/Sao_Paulo ' })).toEqual({
      verb: 'channel',
      action: 'subscribe',
      components: ['CRM'],
      lang: 'pt-BR',
      timeZone: 'America/Sao_Paulo',
    });
    expect(Command.parse({ verb: 'channel', action: 'list' })).toEqual({ verb: 'channel', action: 'list' });
    expect(Command.parse({ verb: 'maintenance', action: 'schedule', window: ' 02:00 to 04:00 ', title: ' DB ', components: ['CRM'] })).toEqual({
      verb: 'maintenance',
      action: 'schedule',
      window: '02:00 to 04:00',
      title: 'DB',
      components: ['CRM'],
    });
    expect(Command.parse({ verb: 'maintenance', action: 'cancel', id: 3 })).toEqual({ verb: 'maintenance', action: 'cancel', id: 3 });
  });

  test.each([
    { verb: 'sev', severity: 5 },
    { verb: 'sev', severity: 2, incident: 0 },
    { verb: 'approve', draft: 1.5 },
    { verb: 'note', text: '   ' },
    { verb: 'declare', title: 'x', components: [] },
    { verb: 'commander', user: 'two words' },
    { verb: 'commander', user: '@alice' },
    { verb: 'help', topic: 'fix' },
    { verb: 'components', changes: [{ name: 'CRM', state: 'degraded' }] },
    { verb: 'channel' },
    { verb: 'channel', action: 'watch' },
    { verb: 'channel', action: 'subscribe', lang: 'pt-br' },
    { verb: 'channel', action: 'subscribe', timeZone: 'Mars/Base' },
    { verb: 'channel', action: 'subscribe', components: [] },
    { verb: 'maintenance' },
    { verb: 'maintenance', action: 'schedule', window: '02:00 to 04:00', title: ' ' },
    { verb: 'maintenance', action: 'schedule', window: '', title: 'DB' },
    { verb: 'maintenance', action: 'schedule', window: '02:00 to 04:00', title: 'DB', components: [] },
    { verb: 'maintenance', action: 'cancel' },
    { verb: 'maintenance', action: 'cancel', id: 0 },
    { verb: 'maintenance', action: 'postpone', id: 1 },
    { verb: 'fix' },
  ])('rejects %j', (value) => {
    expect(Command.safeParse(value).success).toBe(false);
  });
});
