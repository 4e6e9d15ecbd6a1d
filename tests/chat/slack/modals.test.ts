import type { InputBlock, MultiStaticSelect, PlainTextInput, StaticSelect, UsersSelect } from '@slack/types';
import { describe, expect, test } from 'vitest';
import { declareModal, editDraftModal, readDeclareSubmission, readEditSubmission, type SubmittedValues } from '../../../src/chat/slack/blocks/modals.ts';

const inputs = (blocks: unknown[]) => blocks as InputBlock[];
const element = <T>(blocks: unknown[], blockId: string) => inputs(blocks).find((b) => b.block_id === blockId)!.element as T;

describe('declareModal', () => {
  const view = declareModal(['CRM', 'Core'], { commanderSlackId: 'U123ABC' });

  test('is the declare form', () => {
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'declare_incident',
      title: { type: 'plain_text', text: 'Declare incident' },
      submit: { type: 'plain_text', text: 'Declare' },
    });
    expect(inputs(view.blocks).map((b) => [b.type, b.block_id, b.element.action_id, b.optional ?? false])).toEqual([
      ['input', 'title', 'value', false],
      ['input', 'severity', 'value', false],
      ['input', 'components', 'value', true],
      ['input', 'commander', 'value', false],
    ]);
  });

  test('asks for a title of at most 200 characters', () => {
    expect(element<PlainTextInput>(view.blocks, 'title')).toMatchObject({ type: 'plain_text_input', max_length: 200 });
  });

  test('offers SEV1 to SEV4, SEV3 chosen', () => {
    const select = element<StaticSelect>(view.blocks, 'severity');
    expect(select.type).toBe('static_select');
    expect(select.options!.map((o) => [o.text.text, o.value])).toEqual([
      ['SEV1 · critical', '1'],
      ['SEV2 · major', '2'],
      ['SEV3 · minor', '3'],
      ['SEV4 · none', '4'],
    ]);
    expect(select.initial_option?.value).toBe('3');
  });

  test('offers the components, none chosen', () => {
    const select = element<MultiStaticSelect>(view.blocks, 'components');
    expect(select.type).toBe('multi_static_select');
    expect(select.options!.map((o) => o.value)).toEqual(['CRM', 'Core']);
    expect(select.initial_options).toBeUndefined();
  });

  test('makes the declarer the commander unless changed', () => {
    expect(element<UsersSelect>(view.blocks, 'commander')).toEqual({ type: 'users_select', action_id: 'value', initial_user: 'U123ABC' });
  });

  test('without components there is no components input', () => {
    expect(inputs(declareModal([], { commanderSlackId: 'U1AB' }).blocks).map((b) => b.block_id)).toEqual(['title', 'severity', 'commander']);
  });

  test('stays within what Slack accepts for a select', () => {
    const names = Array.from({ length: 150 }, (_, i) => `${'Very long component name '.repeat(4)}${i}`);
    const options = element<MultiStaticSelect>(declareModal(names, { commanderSlackId: 'U1AB' }).blocks, 'components').options!;
    expect(options).toHaveLength(100);
    for (const option of options) expect(option.text.text.length).toBeLessThanOrEqual(75);
    expect(options[0]!.value).toBe(names[0]);
  });
});

describe('editDraftModal', () => {
  const view = editDraftModal({ incidentNumber: 7, draftNumber: 3, status: 'monitoring', body: 'We are <monitoring> & waiting.' });

  test('is the edit form for that draft', () => {
    expect(view).toMatchObject({ type: 'modal', callback_id: 'edit_draft', title: { text: 'Edit INC-7 D3' }, submit: { text: 'Save' } });
    expect(JSON.parse(view.private_metadata!)).toEqual({ incident: 7, draft: 3 });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  test('offers the four statuses, the current one chosen', () => {
    const select = element<StaticSelect>(view.blocks, 'status');
    expect(select.options!.map((o) => o.value)).toEqual(['investigating', 'identified', 'monitoring', 'resolved']);
    expect(select.initial_option).toEqual({ text: { type: 'plain_text', text: 'Monitoring' }, value: 'monitoring' });
  });

  test('holds the current body as typed, multiline, within what Slack allows', () => {
    expect(element<PlainTextInput>(view.blocks, 'body')).toEqual({
      type: 'plain_text_input',
      action_id: 'value',
      multiline: true,
      initial_value: 'We are <monitoring> & waiting.',
      max_length: 3000,
    });
  });

  test('a stored status that is no status preselects nothing', () => {
    const blocks = editDraftModal({ incidentNumber: 7, draftNumber: 3, status: 'fixed', body: 'x' }).blocks;
    expect(element<StaticSelect>(blocks, 'status').initial_option).toBeUndefined();
  });
});

const declareValues = (over: Partial<Record<'title' | 'severity' | 'components' | 'commander', object>> = {}): SubmittedValues => ({
  title: { value: { value: '  Messages are delayed  ' } },
  severity: { value: { selected_option: { value: '2' } } },
  components: { value: { selected_options: [{ value: 'CRM' }, { value: 'Core' }] } },
  commander: { value: { selected_user: 'U123ABC' } },
  ...Object.fromEntries(Object.entries(over).map(([key, input]) => [key, { value: input }])),
});

describe('readDeclareSubmission', () => {
  test('reads a complete form', () => {
    expect(readDeclareSubmission(declareValues())).toEqual({
      ok: true,
      value: { title: 'Messages are delayed', severity: 2, components: ['CRM', 'Core'], commander: 'U123ABC' },
    });
  });

  test('no components chosen, or no components input at all, is no components', () => {
    expect(readDeclareSubmission(declareValues({ components: { selected_options: [] } }))).toMatchObject({ ok: true, value: { components: [] } });
    const { components: _, ...withoutComponents } = declareValues();
    expect(readDeclareSubmission(withoutComponents)).toMatchObject({ ok: true, value: { components: [] } });
  });

  test.each([
    ['an empty title', { title: { value: null } }, 'title', 'Give the incident a title.'],
    ['a blank title', { title: { value: '   ' } }, 'title', 'Give the incident a title.'],
    ['a title over 200 characters', { title: { value: 'x'.repeat(201) } }, 'title', 'Keep the title within 200 characters.'],
    ['no severity', { severity: { selected_option: null } }, 'severity', 'Choose a severity from SEV1 to SEV4.'],
    ['a severity that is not offered', { severity: { selected_option: { value: '5' } } }, 'severity', 'Choose a severity from SEV1 to SEV4.'],
    ['no commander', { commander: { selected_user: null } }, 'commander', 'Choose a commander.'],
    ['a commander that is no Slack user', { commander: { selected_user: '<!channel>' } }, 'commander', 'Choose a commander from the workspace.'],
  ])('refuses %s, keyed by its block_id', (_, over, blockId, error) => {
    expect(readDeclareSubmission(declareValues(over))).toEqual({ ok: false, errors: { [blockId]: error } });
  });

  test('reports every bad field at once', () => {
    expect(readDeclareSubmission({})).toEqual({
      ok: false,
      errors: { title: 'Give the incident a title.', severity: 'Choose a severity from SEV1 to SEV4.', commander: 'Choose a commander.' },
    });
  });
});

describe('readEditSubmission', () => {
  const values = (status: string | null, body: string | null): SubmittedValues => ({
    status: { value: { selected_option: status === null ? null : { value: status } } },
    body: { value: { value: body } },
  });

  test('reads the status and the trimmed body', () => {
    expect(readEditSubmission(values('resolved', ' All fixed. \n'))).toEqual({ ok: true, value: { status: 'resolved', body: 'All fixed.' } });
  });

  test.each([
    ['a status that is no status', values('fixed', 'ok'), { status: 'Choose a status.' }],
    ['no status', values(null, 'ok'), { status: 'Choose a status.' }],
    ['an empty body', values('monitoring', null), { body: 'Write what customers will read.' }],
    ['a blank body', values('monitoring', ' \n '), { body: 'Write what customers will read.' }],
    ['a body over 4,000 characters', values('monitoring', 'x'.repeat(4001)), { body: 'Keep the update within 4000 characters.' }],
    ['nothing at all', {}, { status: 'Choose a status.', body: 'Write what customers will read.' }],
  ])('refuses %s, keyed by block_id', (_, submitted, errors) => {
    expect(readEditSubmission(submitted)).toEqual({ ok: false, errors });
  });
});
