import type { CardElement, IAdaptiveCard, IChoice, IChoiceSetInput } from '@microsoft/teams.cards';
import { z } from 'zod';
import { impactOf, incidentStatuses } from '../../../domain/incident.ts';
import { keptAsTyped } from '../../../domain/text.ts';
import { messages } from '../../../i18n/messages.ts';
import { severityField, statusField, titleField, updateBodyField } from '../../form-fields.ts';
import { textLimit, titleLimit } from '../../grammar/commands.ts';
import { adaptiveCard, cardAttachment, cardText, textBlock } from './card-text.ts';

/** The dialogs crisisroom opens; each submit names its dialog so it is read by the right reader. */
export const dialogs = { declare: 'incident.declare' } as const;

/** A person a form offers, known by their Entra object id. */
export interface Person {
  id: string;
  name: string;
}

const choice = (title: string, value: string): IChoice => ({ title, value });
const severityChoices = ([1, 2, 3, 4] as const).map((level) => choice(`SEV${level} · ${impactOf(level)}`, String(level)));
const statusChoices = incidentStatuses.map((status) => choice(messages('en').incidentStatus[status], status));

function choiceSet(id: string, label: string, choices: IChoice[], options: Omit<IChoiceSetInput, 'type' | 'id' | 'label' | 'choices'> = {}): IChoiceSetInput {
  return { type: 'Input.ChoiceSet', id, label, choices, style: 'compact', ...options };
}

/** An error the form is shown again with, above its inputs. */
export const errorLines = (errors: string[]): CardElement[] =>
  errors.length > 0 ? [textBlock(errors.map(cardText).join('\n\n'), { color: 'Attention', weight: 'Bolder' })] : [];

/** What a form was last filled with, so a refused submission shows it again as typed. */
type Filled = Record<string, string | undefined>;

/**
 * The form `declare` with nothing after it opens: title, severity, components and commander (the
 * declarer unless they pick someone else of the conversation).
 */
export function declareForm(options: { components: string[]; people: Person[]; declarerId: string; filled?: Filled; errors?: string[] }): IAdaptiveCard {
  const filled = options.filled ?? {};
  const body: CardElement[] = [
    ...errorLines(options.errors ?? []),
    {
      type: 'Input.Text',
      id: 'title',
      label: 'Title',
      isRequired: true,
      errorMessage: 'Give the incident a title.',
      maxLength: titleLimit,
      placeholder: 'What customers notice, e.g. Messages are delayed',
      ...(filled.title ? { value: filled.title } : {}),
    },
    choiceSet('severity', 'Severity', severityChoices, { isRequired: true, errorMessage: 'Choose a severity.', value: filled.severity ?? '3' }),
  ];
  if (options.components.length > 0) {
    body.push(
      choiceSet(
        'components',
        'Affected components',
        options.components.map((name) => choice(name, name)),
        { isMultiSelect: true, ...(filled.components ? { value: filled.components } : {}) },
      ),
    );
  }
  const people = options.people.some((p) => p.id === options.declarerId) ? options.people : [{ id: options.declarerId, name: 'Me' }, ...options.people];
  body.push(
    choiceSet(
      'commander',
      'Commander',
      people.map((p) => choice(p.name, p.id)),
      { isRequired: true, errorMessage: 'Choose a commander.', value: filled.commander ?? options.declarerId },
    ),
  );
  return adaptiveCard({ body, actions: [{ type: 'Action.Submit', title: 'Declare', data: { dialog: dialogs.declare } }] });
}

/**
 * The inputs of a draft being edited: its status and text, still to be approved once saved. The
 * status is taken as stored; one that is not a status preselects nothing, and the reader rejects it.
 */
export function editInputs(view: { status: string; body: string; errors?: string[] }): CardElement[] {
  return [
    ...errorLines(view.errors ?? []),
    choiceSet('status', 'Status', statusChoices, {
      isRequired: true,
      errorMessage: 'Choose a status.',
      ...(statusChoices.some((c) => c.value === view.status) ? { value: view.status } : {}),
    }),
    {
      type: 'Input.Text',
      id: 'body',
      label: 'What customers will read',
      isMultiline: true,
      isRequired: true,
      errorMessage: 'Write what customers will read.',
      maxLength: textLimit,
      value: view.body,
    },
  ];
}

/** The service keeps a reason to this length. */
const reasonLimit = 1000;

/** The reason a draft is rejected for: optional, one line, kept on the internal timeline. */
export function rejectInputs(view: { reason?: string | undefined; errors?: string[] }): CardElement[] {
  return [
    ...errorLines(view.errors ?? []),
    {
      type: 'Input.Text',
      id: 'reason',
      label: 'Reason (optional; kept on the internal timeline)',
      maxLength: reasonLimit,
      ...(view.reason ? { value: view.reason } : {}),
    },
  ];
}

/** The task/fetch or task/submit answer that shows a card in the dialog. */
export function dialogCard(title: string, card: IAdaptiveCard) {
  return { task: { type: 'continue' as const, value: { title, width: 'medium' as const, height: 'large' as const, card: cardAttachment(card) } } };
}

/** The task/submit answer that closes the dialog with a message. */
export function dialogMessage(text: string) {
  return { task: { type: 'message' as const, value: text } };
}

export type Submission<T> = { ok: true; value: T } | { ok: false; errors: string[] };

function read<S extends z.ZodType>(schema: S, raw: unknown): Submission<z.output<S>> {
  const result = schema.safeParse(raw);
  return result.success ? { ok: true, value: result.data } : { ok: false, errors: [...new Set(result.error.issues.map((issue) => issue.message))] };
}

const DeclareSubmission = z.object({
  title: titleField,
  severity: severityField,
  // A multi-select ChoiceSet submits its values joined by commas; none chosen is an empty string or nothing.
  components: z
    .string()
    .optional()
    .transform((joined) =>
      (joined ?? '')
        .split(',')
        .map((name) => name.trim())
        .filter(Boolean),
    ),
  // Entra object ids are GUIDs.
  commander: z.string({ error: 'Choose a commander.' }).regex(/^[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, 'Choose a commander from the list.'),
});
export type DeclareSubmission = z.output<typeof DeclareSubmission>;

/** The declare form's inputs, as task/submit carries them in value.data. */
export function readDeclareSubmission(data: unknown): Submission<DeclareSubmission> {
  return read(DeclareSubmission, data);
}

const EditSubmission = z.object({
  incident: z.int().positive(),
  draft: z.int().positive(),
  status: statusField,
  body: updateBodyField,
});
export type EditSubmission = z.output<typeof EditSubmission>;

export function readEditSubmission(data: unknown): Submission<EditSubmission> {
  return read(EditSubmission, data);
}

/** A new draft's status and text, as the cadence reminder's form submits them. */
export function readDraftFields(data: unknown): Submission<Pick<EditSubmission, 'status' | 'body'>> {
  return read(EditSubmission.pick({ status: true, body: true }), data);
}

const RejectSubmission = z.object({
  reason: z.string().trim().max(reasonLimit, `Keep the reason within ${reasonLimit} characters.`).superRefine(keptAsTyped('reason', 'line')).optional(),
});

export function readRejectSubmission(data: unknown): Submission<z.output<typeof RejectSubmission>> {
  return read(RejectSubmission, data);
}

/** The text inputs a refused submission is shown again with. */
export function filledOf(data: unknown): Filled {
  const record = data && typeof data === 'object' ? (data as Record<string, unknown>) : {};
  return Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
}

/**
 * What `declare` with nothing after it answers in Teams: a bot message cannot open a dialog itself,
 * so it offers the button that does.
 */
export function declareLauncher(): IAdaptiveCard {
  return adaptiveCard({
    body: [textBlock('Declare an incident: give it a title, a severity, the affected components and a commander.')],
    actions: [{ type: 'Action.Submit', title: 'Declare an incident', data: { msteams: { type: 'task/fetch' }, dialog: dialogs.declare } }],
  });
}
