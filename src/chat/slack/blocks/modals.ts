import type { InputBlock, ModalView, PlainTextOption } from '@slack/types';
import { z } from 'zod';
import { draftId, impactOf, incidentId, incidentStatuses } from '../../../domain/incident.ts';
import { messages } from '../../../i18n/messages.ts';
import { severityField, statusField, titleField, updateBodyField } from '../../form-fields.ts';
import { titleLimit } from '../../grammar/commands.ts';
import { draftRefJson } from './approval-card.ts';
import { limits, plain } from './limits.ts';

/** Every input's action_id: the block_id already names the field, and errors are keyed by block_id. */
const valueAction = 'value';

function option(text: string, value: string): PlainTextOption {
  return { text: plain(text, limits.optionText), value };
}

function input(blockId: string, label: string, element: InputBlock['element'], optional = false): InputBlock {
  return { type: 'input', block_id: blockId, label: plain(label, limits.inputLabel), element, ...(optional ? { optional } : {}) };
}

const severityOptions = ([1, 2, 3, 4] as const).map((level) => option(`SEV${level} · ${impactOf(level)}`, String(level)));
const statusOptions = incidentStatuses.map((status) => option(messages('en').incidentStatus[status], status));

/** The form /incident declare opens; the declarer is the commander unless they pick someone else. */
export function declareModal(components: string[], defaults: { commanderSlackId: string }): ModalView {
  const blocks: InputBlock[] = [
    input('title', 'Title', {
      type: 'plain_text_input',
      action_id: valueAction,
      max_length: titleLimit,
      placeholder: plain('What customers notice, e.g. Messages are delayed', limits.placeholder),
    }),
    input('severity', 'Severity', {
      type: 'static_select',
      action_id: valueAction,
      options: severityOptions,
      initial_option: severityOptions[2],
    }),
  ];
  if (components.length > 0) {
    blocks.push(
      input(
        'components',
        'Affected components',
        {
          type: 'multi_static_select',
          action_id: valueAction,
          placeholder: plain('Choose components', limits.placeholder),
          // Slack refuses a select with more options than this; the rest can still be named by command.
          options: components.slice(0, limits.selectOptions).map((name) => option(name, name)),
        },
        true,
      ),
    );
  }
  blocks.push(input('commander', 'Commander', { type: 'users_select', action_id: valueAction, initial_user: defaults.commanderSlackId }));
  return {
    type: 'modal',
    callback_id: 'declare_incident',
    title: plain('Declare incident', limits.modalTitle),
    submit: plain('Declare', limits.modalButton),
    close: plain('Cancel', limits.modalButton),
    blocks,
  };
}

/**
 * The form the Edit button opens: the draft's status and text, still to be approved once saved. The
 * status is taken as stored; one that is not a status preselects nothing, and the reader rejects it.
 */
export function editDraftModal(view: { incidentNumber: number; draftNumber: number; status: string; body: string }): ModalView {
  return {
    ...draftForm(view),
    callback_id: 'edit_draft',
    private_metadata: draftRefJson({ incident: view.incidentNumber, draft: view.draftNumber }),
    title: plain(`Edit ${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`, limits.modalTitle),
    submit: plain('Save', limits.modalButton),
  };
}

/** The form that drafts a new public update of the incident (the cadence reminder's button), from where the last one left off. */
export const newDraftModalId = 'new_draft';
export function newDraftModal(view: { incidentNumber: number; status: string; body: string }): ModalView {
  return {
    ...draftForm(view),
    callback_id: newDraftModalId,
    private_metadata: JSON.stringify({ incident: view.incidentNumber }),
    title: plain(`Update for ${incidentId(view.incidentNumber)}`, limits.modalTitle),
    submit: plain('Draft', limits.modalButton),
  };
}

/** A draft's status and text, as both forms show them. */
function draftForm(view: { status: string; body: string }): Pick<ModalView, 'type' | 'close' | 'blocks'> {
  return {
    type: 'modal',
    close: plain('Cancel', limits.modalButton),
    blocks: [
      input('status', 'Status', {
        type: 'static_select',
        action_id: valueAction,
        options: statusOptions,
        initial_option: statusOptions.find((o) => o.value === view.status),
      }),
      input('body', 'What customers will read', {
        type: 'plain_text_input',
        action_id: valueAction,
        multiline: true,
        ...(view.body ? { initial_value: view.body } : {}),
        // Slack accepts no higher max_length, though a draft typed as a command may hold up to textLimit.
        max_length: limits.textInput,
      }),
    ],
  };
}

/** What a view_submission carries in view.state.values; Bolt's ViewStateValue fits it. */
interface SubmittedInput {
  value?: string | null;
  selected_option?: { value: string } | null;
  selected_options?: { value: string }[];
  selected_user?: string | null;
}
export type SubmittedValues = Record<string, Record<string, SubmittedInput>>;

/** Errors are keyed by block_id, ready for `response_action: 'errors'`. */
export type Submission<T> = { ok: true; value: T } | { ok: false; errors: Record<string, string> };

function submitted(values: SubmittedValues, blockId: string): SubmittedInput | undefined {
  return values[blockId]?.[valueAction];
}

function read<S extends z.ZodType>(schema: S, raw: unknown): Submission<z.output<S>> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, value: result.data };
  const errors: Record<string, string> = {};
  for (const issue of result.error.issues) errors[String(issue.path[0])] ??= issue.message;
  return { ok: false, errors };
}

const DeclareSubmission = z.object({
  title: titleField,
  severity: severityField,
  components: z.array(z.string().trim().min(1, 'Choose components from the list.')),
  commander: z.string({ error: 'Choose a commander.' }).regex(/^[UW][A-Z0-9]+$/, 'Choose a commander from the workspace.'),
});
export type DeclareSubmission = z.output<typeof DeclareSubmission>;

export function readDeclareSubmission(values: SubmittedValues): Submission<DeclareSubmission> {
  return read(DeclareSubmission, {
    title: submitted(values, 'title')?.value ?? undefined,
    severity: submitted(values, 'severity')?.selected_option?.value,
    components: submitted(values, 'components')?.selected_options?.map((o) => o.value) ?? [],
    commander: submitted(values, 'commander')?.selected_user ?? undefined,
  });
}

const EditSubmission = z.object({
  status: statusField,
  body: updateBodyField,
});
export type EditSubmission = z.output<typeof EditSubmission>;

export function readEditSubmission(values: SubmittedValues): Submission<EditSubmission> {
  return read(EditSubmission, {
    status: submitted(values, 'status')?.selected_option?.value,
    body: submitted(values, 'body')?.value ?? undefined,
  });
}
