import type { CardElement, IAdaptiveCard } from '@microsoft/teams.cards';
import { draftId, incidentId } from '../../../domain/incident.ts';
import { adaptiveCard, textBlock } from './card-text.ts';
import { type TeamsApprovalView, draftVerbs, heading } from './approval-card.ts';
import { editInputs, errorLines, rejectInputs } from './forms.ts';
import { type ReportVersions, sectionLimit } from '../../../domain/report.ts';
import { type ReportFormLanguage, reportFormFields } from '../../report-form-fields.ts';

type DraftView = Omit<TeamsApprovalView, 'approverIds'>;

/** Cancel shows the draft again, whatever the inputs hold. */
const cancel = (data: { incident: number; draft: number }) => ({
  type: 'Action.Execute' as const,
  title: 'Cancel',
  verb: draftVerbs.refresh,
  data,
  associatedInputs: 'none' as const,
});

/**
 * The approval card in edit mode, the answer to Edit for the person who clicked it: the draft's
 * heading, its status and text as inputs, Save and Cancel. It carries no refresh, so Teams does not
 * swap it back to the draft while it is being edited; the others keep seeing the draft.
 */
export function teamsEditCard(view: DraftView, filled: { status?: string | undefined; body?: string | undefined } = {}, errors: string[] = []): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  return adaptiveCard({
    body: [...heading(view), ...editInputs({ status: filled.status ?? view.status, body: filled.body ?? view.body, errors })],
    actions: [{ type: 'Action.Execute', title: 'Save', verb: draftVerbs.save, data, style: 'positive' }, cancel(data)],
  });
}

/**
 * The incident report's form, the answer to Edit on a report: for each language of the page, one
 * input per section (3,000 characters each, as in Slack), blank to leave a section out; a section
 * longer than an input holds is shown, to be shortened by command. Refused fields are named above.
 */
export function teamsReportCard(
  view: DraftView,
  form: { incidentNumber: number; versions: ReportVersions; languages: ReportFormLanguage[] },
  filled: Record<string, string | undefined> = {},
  errors: string[] = [],
): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  const inputs = form.languages.flatMap((language) => {
    const { heading: name, fields } = reportFormFields(form, language);
    return [
      textBlock(name, { weight: 'Bolder', size: 'Medium', separator: true }),
      ...fields.map(
        (field): CardElement =>
          field.tooLong
            ? textBlock(field.tooLong, { isSubtle: true, size: 'Small' })
            : { type: 'Input.Text', id: field.id, label: field.label, isMultiline: true, maxLength: sectionLimit, value: filled[field.id] ?? field.text },
      ),
    ];
  });
  return adaptiveCard({
    body: [...heading(view), ...errorLines(errors), ...inputs],
    actions: [{ type: 'Action.Execute', title: 'Save', verb: draftVerbs.saveReport, data, style: 'positive' }, cancel(data)],
  });
}

/**
 * The answer to Reject, for the person who clicked it: an optional reason, then the decision or
 * Cancel; a refused reason is shown again as typed, with what was wrong.
 */
export function teamsRejectCard(view: DraftView, filled: { reason?: string | undefined } = {}, errors: string[] = []): IAdaptiveCard {
  const data = { incident: view.incidentNumber, draft: view.draftNumber };
  const label = `${incidentId(view.incidentNumber)} ${draftId(view.draftNumber)}`;
  return adaptiveCard({
    body: [
      ...heading(view),
      ...rejectInputs({ reason: filled.reason, errors }),
      textBlock(`${label} will not be published. A new public update can be drafted afterwards.`, { isSubtle: true, size: 'Small' }),
    ],
    actions: [{ type: 'Action.Execute', title: `Reject ${label}`, verb: draftVerbs.reject, data, style: 'destructive' }, cancel(data)],
  });
}
