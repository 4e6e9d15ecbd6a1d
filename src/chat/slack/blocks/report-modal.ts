import type { ContextBlock, HeaderBlock, InputBlock, ModalView } from '@slack/types';
import { draftId, incidentId } from '../../../domain/incident.ts';
import { type ReportVersions, sectionLimit } from '../../../domain/report.ts';
import type { Language } from '../../../i18n/languages.ts';
import { type ReportFormLanguage, readReportFields, reportFormFields } from '../../report-form-fields.ts';
import { draftRefJson } from './approval-card.ts';
import { limits, plain } from './limits.ts';
import type { SubmittedValues } from './modals.ts';

export const reportModalId = 'edit_report';

/**
 * The report's form: for each language of the page, one field per section, each holding what a field
 * of Slack's form holds (3,000 characters), so a report may be far longer than one field. A blank
 * field leaves its section out. A section drafted longer than a field is shown, not offered for
 * editing: Slack would refuse the whole form.
 */
export function editReportModal(form: { incidentNumber: number; draftNumber: number; versions: ReportVersions; languages: ReportFormLanguage[] }): ModalView {
  const blocks: (HeaderBlock | InputBlock | ContextBlock)[] = [];
  for (const language of form.languages) {
    const { heading, fields } = reportFormFields(form, language);
    blocks.push({ type: 'header', text: plain(heading, limits.headerText) });
    for (const field of fields) {
      if (field.tooLong) {
        blocks.push({ type: 'context', elements: [{ type: 'plain_text', text: field.tooLong }] });
        continue;
      }
      blocks.push({
        type: 'input',
        block_id: field.id,
        optional: true,
        label: plain(field.label, limits.inputLabel),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: sectionLimit,
          ...(field.text ? { initial_value: field.text } : {}),
        },
      });
    }
  }
  return {
    type: 'modal',
    callback_id: reportModalId,
    private_metadata: draftRefJson({ incident: form.incidentNumber, draft: form.draftNumber }),
    title: plain(`Report ${incidentId(form.incidentNumber)} ${draftId(form.draftNumber)}`, limits.modalTitle),
    submit: plain('Save', limits.modalButton),
    close: plain('Cancel', limits.modalButton),
    blocks,
  };
}

/** The submitted form, or its refused fields keyed by block_id, ready for `response_action: 'errors'`. */
export function readReportSubmission(values: SubmittedValues, languages: readonly Language[]) {
  return readReportFields((id) => (values[id] ? (values[id].value?.value ?? null) : undefined), languages);
}
