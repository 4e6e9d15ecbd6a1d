import { describe, expect, test } from 'vitest';
import { verbs } from '../../../src/chat/grammar/commands.ts';
import { usageOf } from '../../../src/chat/grammar/usage.ts';
import { parseCommand } from '../../../src/chat/grammar/parse.ts';

/** The error a line is rejected with; fails the test if the line parses. */
function rejectionOf(line: string): { error: string; usage?: string } {
  const result = parseCommand(line);
  if (result.ok) expect.fail(`${JSON.stringify(line)} parsed to ${JSON.stringify(result.command)}`);
  return { error: result.error, usage: result.usage };
}

const states = 'operational, degraded_performance, partial_outage, major_outage or under_maintenance';
const statuses = 'investigating, identified, monitoring or resolved';
const actions = 'subscribe, unsubscribe or list';

describe('unknown verbs', () => {
  test('name the verb as typed and list the verbs, with no usage line', () => {
    expect(rejectionOf('fix the db')).toEqual({
      error: `Unknown verb "fix". Verbs: ${verbs.join(', ')}.`,
      usage: undefined,
    });
    expect(rejectionOf('/incident Fix')).toMatchObject({ error: expect.stringMatching(/^Unknown verb "Fix"\./) });
  });

  test('a verb glued to a flag is not a verb', () => {
    expect(rejectionOf('declare--sev 1').error).toMatch(/^Unknown verb "declare--sev"/);
  });
});

describe('every error after a known verb carries that verb’s usage', () => {
  test.each([
    ['declare', 'declare --sev 1'],
    ['note', 'note'],
    ['status', 'status fixed'],
    ['public', 'public monitoring'],
    ['approve', 'approve X3'],
    ['reject', 'reject D0'],
    ['commander', 'commander'],
    ['sev', 'sev 9'],
    ['components', 'components CRM'],
    ['impact', 'impact'],
    ['resolve', 'resolve --now'],
    ['report', 'report INC-4 cause It was the clock.'],
    ['summary', 'summary now'],
    ['timeline', 'timeline INC-0'],
    ['list', 'list all'],
    ['channel', 'channel watch'],
    ['channel', 'channel list --lang en'],
    ['channel', 'channel subscribe --tz Mars/Base'],
    ['maintenance', 'maintenance'],
    ['maintenance', 'maintenance schedule 02:00 04:00 DB'],
    ['maintenance', 'maintenance cancel'],
    ['maintenance', 'maintenance list --all'],
    ['help', 'help me'],
  ] as const)('%s', (verb, line) => {
    expect(rejectionOf(line).usage).toBe(usageOf(verb));
  });
});

describe('flags', () => {
  test('unknown flag for declare names the flags it takes', () => {
    expect(rejectionOf('declare X --foo 1').error).toBe('Unknown flag --foo for declare (it takes --sev and --components).');
  });

  test('a flag without a value', () => {
    expect(rejectionOf('declare X --sev').error).toBe('--sev needs a value.');
    expect(rejectionOf('declare X --sev   --components CRM').error).toBe('--sev needs a value.');
    expect(rejectionOf('declare X --components ""').error).toBe('--components needs a value.');
  });

  test('a flag given twice', () => {
    expect(rejectionOf('declare X --sev 1 --components A --sev 2').error).toBe('--sev is given twice.');
  });

  test('flags are an error on verbs that take none', () => {
    expect(rejectionOf('resolve rolled back --force').error).toBe('resolve takes no flags (got --force).');
    expect(rejectionOf('list --all').error).toBe('list takes no flags (got --all).');
    expect(rejectionOf('status INC-2 resolved --sev 1').error).toBe('status takes no flags (got --sev).');
  });

  test('a list of only separators names no component', () => {
    expect(rejectionOf('declare X --components , ,').error).toBe('--components needs at least one component name.');
  });
});

describe('missing or blank text', () => {
  test.each([
    ['declare', 'An incident needs a title.'],
    ['declare    --sev 2', 'An incident needs a title.'],
    ['note', 'A note needs text.'],
    ['note    \t ', 'A note needs text.'],
    ['note INC-7', 'A note needs text.'],
    ['public resolved', 'A public update needs text.'],
    ['public INC-1 resolved    ', 'A public update needs text.'],
    ['report happened', 'A report section needs text.'],
    ['report INC-7 happened --lang pt-BR  \n\n ', 'A report section needs text.'],
    ['impact INC-3   ', 'An impact needs a start time, and an end time once it is over.'],
  ])('%j', (line, error) => {
    expect(rejectionOf(line).error).toBe(error);
  });
});

describe('too long text', () => {
  test('a title over 200 characters', () => {
    expect(rejectionOf(`declare ${'x'.repeat(201)}`).error).toBe('The title is 201 characters long; the limit is 200.');
  });

  test('note, public, reject and resolve text over 4000 characters', () => {
    const long = 'y'.repeat(4001);
    const error = 'The text is 4001 characters long; the limit is 4000.';
    expect(rejectionOf(`note ${long}`).error).toBe(error);
    expect(rejectionOf(`public monitoring ${long}`).error).toBe(error);
    expect(rejectionOf(`resolve ${long}`).error).toBe(error);
    expect(rejectionOf(`reject D1 ${long}`).error).toBe('The reason is 4001 characters long; the limit is 4000.');
  });

  test('a report section over 3,000 characters, the most a field of Slack’s form holds', () => {
    expect(rejectionOf(`report happened ${'z'.repeat(3001)}`).error).toBe('The text is 3001 characters long; the limit is 3000.');
    expect(parseCommand(`report happened ${'z'.repeat(3000)}`).ok).toBe(true);
  });

  test('impact text over 200 characters', () => {
    expect(rejectionOf(`impact ${'1'.repeat(201)}`).error).toBe('The text is 201 characters long; the limit is 200.');
  });
});

describe('severity', () => {
  test.each(['7', '0', 'high', '2.5', '-1', '1 2'])('sev %j', (value) => {
    expect(rejectionOf(`sev ${value}`).error).toBe(`Severity must be a whole number from 1 to 4 (got "${value}").`);
  });

  test('declare --sev out of range', () => {
    expect(rejectionOf('declare X --sev 7').error).toBe('Severity must be a whole number from 1 to 4 (got "7").');
    expect(rejectionOf('declare X --sev "five"').error).toBe('Severity must be a whole number from 1 to 4 (got "five").');
  });

  test('sev without a value', () => {
    expect(rejectionOf('sev INC-2').error).toBe('Give a severity: a whole number from 1 to 4.');
  });
});

describe('status', () => {
  test('an unknown status is quoted as typed', () => {
    expect(rejectionOf('status fixed').error).toBe(`Unknown status "fixed": use ${statuses}.`);
    expect(rejectionOf('status INC-2 Fixed').error).toBe(`Unknown status "Fixed": use ${statuses}.`);
    expect(rejectionOf('public fixed All good now').error).toBe(`Unknown status "fixed": use ${statuses}.`);
  });

  test('status takes one word', () => {
    expect(rejectionOf('status resolved now').error).toBe(`Unknown status "resolved now": use ${statuses}.`);
  });

  test('a missing status', () => {
    expect(rejectionOf('status').error).toBe(`Give a status: ${statuses}.`);
    expect(rejectionOf('public INC-4').error).toBe(`Give a status: ${statuses}.`);
  });
});

describe('incident and draft ids', () => {
  test('INC-0 is not an incident', () => {
    expect(rejectionOf('note INC-0 hello').error).toBe('Incident ids look like INC-7 (got "INC-0").');
  });

  test('an id too large to count is quoted as typed', () => {
    expect(rejectionOf('summary #INC-99999999999999999999').error).toBe('Incident ids look like INC-7 (got "#INC-99999999999999999999").');
  });

  test('draft ids', () => {
    expect(rejectionOf('approve X3').error).toBe('Draft ids look like D3 (got "X3").');
    expect(rejectionOf('approve INC-2 3').error).toBe('Draft ids look like D3 (got "3").');
    expect(rejectionOf('reject d0 no').error).toBe('Draft ids look like D3 (got "d0").');
  });

  test('approve takes nothing after the draft', () => {
    expect(rejectionOf('approve D3 looks good').error).toBe('approve takes at most an incident id and a draft id (got "looks good").');
  });
});

describe('commander', () => {
  test('more than one user', () => {
    expect(rejectionOf('commander alice bob').error).toBe('A commander is one user, like alice, @alice or a Slack mention (got "alice bob").');
  });

  test('a broken mention', () => {
    expect(rejectionOf('commander <@U123').error).toBe('A commander is one user, like alice, @alice or a Slack mention (got "<@U123").');
  });

  test('no user, or a bare @', () => {
    expect(rejectionOf('commander').error).toBe('Say who the new commander is, like @alice.');
    expect(rejectionOf('commander INC-3 @').error).toBe('Say who the new commander is, like @alice.');
  });
});

describe('components', () => {
  test('an unknown state names the component', () => {
    expect(rejectionOf('components Core=ok CRM=broken').error).toBe(`Unknown state "broken" for "CRM": use ${states}.`);
  });

  test('a name without a state', () => {
    expect(rejectionOf('components CRM').error).toBe('Expected <name>=<state>, got "CRM".');
    expect(rejectionOf('components CRM, Core=ok').error).toBe('Expected <name>=<state>, got "CRM".');
    expect(rejectionOf('components Core=ok, CRM').error).toBe('Expected <name>=<state>, got "CRM".');
    expect(rejectionOf('components CRM=').error).toBe('Expected <name>=<state>, got "CRM=".');
    expect(rejectionOf('components =ok').error).toBe('Expected <name>=<state>, got "=ok".');
  });

  test('no pairs at all', () => {
    expect(rejectionOf('components INC-2').error).toBe('Give at least one <name>=<state> pair, like CRM=degraded.');
  });

  test('a quoted blank name', () => {
    expect(rejectionOf('components "  "=ok').error).toBe('A component name cannot be blank.');
  });

  test('a component given twice', () => {
    expect(rejectionOf('components CRM=ok Core=ok crm=outage').error).toBe('Component "crm" is given twice.');
  });
});

describe('verbs that take nothing more', () => {
  test('summary and timeline take only an incident id', () => {
    expect(rejectionOf('summary please').error).toBe('summary takes nothing but an incident id, like INC-7 (got "please").');
    expect(rejectionOf('timeline INC-2 full').error).toBe('timeline takes nothing but an incident id, like INC-7 (got "full").');
  });

  test('list takes nothing, not even an incident id', () => {
    expect(rejectionOf('list INC-3').error).toBe('list takes nothing after it (got "INC-3").');
  });
});

describe('channel', () => {
  test('a missing action', () => {
    expect(rejectionOf('channel').error).toBe(`channel needs ${actions}.`);
    expect(rejectionOf('/incident channel   ').error).toBe(`channel needs ${actions}.`);
  });

  test('flags without an action are not taken for one', () => {
    expect(rejectionOf('channel --lang pt-BR').error).toBe(`channel needs ${actions}.`);
    expect(rejectionOf('channel --all').error).toBe(`channel needs ${actions}.`);
  });

  test('an unknown action is quoted as typed', () => {
    expect(rejectionOf('channel watch').error).toBe(`channel needs ${actions} (got "watch").`);
    expect(rejectionOf('channel Subscribed --lang es').error).toBe(`channel needs ${actions} (got "Subscribed").`);
    expect(rejectionOf('channel INC-3 list').error).toBe(`channel needs ${actions} (got "INC-3").`);
  });

  test('an unknown language', () => {
    expect(rejectionOf('channel subscribe --lang fr').error).toBe('Unknown language "fr": use en, pt-BR or es.');
    expect(rejectionOf('channel subscribe --lang "pt_BR"').error).toBe('Unknown language "pt_BR": use en, pt-BR or es.');
    expect(rejectionOf('channel subscribe --lang pt BR').error).toBe('Unknown language "pt BR": use en, pt-BR or es.');
  });

  test('an unknown time zone', () => {
    const error = 'Unknown time zone "Mars/Base": use an IANA zone such as America/Sao_Paulo.';
    expect(rejectionOf('channel subscribe --tz Mars/Base').error).toBe(error);
    expect(rejectionOf('channel subscribe --tz  ‘Mars/Base’ ').error).toBe(error);
    expect(rejectionOf('channel subscribe --tz America/Sao Paulo').error).toBe(
      'Unknown time zone "America/Sao Paulo": use an IANA zone such as America/Sao_Paulo.',
    );
  });

  test('flags of subscribe: unknown, without a value, given twice', () => {
    expect(rejectionOf('channel subscribe --sev 1').error).toBe('Unknown flag --sev for channel subscribe (it takes --components, --lang and --tz).');
    expect(rejectionOf('channel subscribe --lang').error).toBe('--lang needs a value.');
    expect(rejectionOf('channel subscribe --tz "" --lang es').error).toBe('--tz needs a value.');
    expect(rejectionOf('channel subscribe --lang es --tz UTC --lang=en').error).toBe('--lang is given twice.');
    expect(rejectionOf('channel subscribe --components CRM --components Core').error).toBe('--components is given twice.');
  });

  test('a components list of only separators', () => {
    expect(rejectionOf('channel subscribe --components , ,').error).toBe('--components needs at least one component name.');
  });

  test('subscribe takes its settings as flags only', () => {
    expect(rejectionOf('channel subscribe CRM, Core').error).toBe('channel subscribe takes nothing but flags, like --lang pt-BR (got "CRM, Core").');
    expect(rejectionOf('channel subscribe pt-BR --tz UTC').error).toBe('channel subscribe takes nothing but flags, like --lang pt-BR (got "pt-BR").');
  });

  test('unsubscribe and list take no flags', () => {
    expect(rejectionOf('channel unsubscribe --components CRM').error).toBe('channel unsubscribe takes no flags (got --components).');
    expect(rejectionOf('channel list --lang en').error).toBe('channel list takes no flags (got --lang).');
    expect(rejectionOf('channel LIST --all').error).toBe('channel list takes no flags (got --all).');
  });

  test('unsubscribe and list take nothing after them', () => {
    expect(rejectionOf('channel unsubscribe now').error).toBe('channel unsubscribe takes nothing after it (got "now").');
    expect(rejectionOf('channel list INC-3').error).toBe('channel list takes nothing after it (got "INC-3").');
    expect(rejectionOf('channel list subscribe').error).toBe('channel list takes nothing after it (got "subscribe").');
  });
});

describe('help', () => {
  test('help about something that is not a verb', () => {
    expect(rejectionOf('help fix').error).toBe(`No help for "fix". Verbs: ${verbs.join(', ')}.`);
    expect(rejectionOf('help declare sev').error).toMatch(/^No help for "declare sev"\./);
  });
});
