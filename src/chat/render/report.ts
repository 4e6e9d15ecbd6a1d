import { draftId, incidentId } from '../../domain/incident.ts';
import { reportSections, sectionLimit } from '../../domain/report.ts';
import type { markKeyMoment } from '../../services/incident/key-moments.ts';
import type { draftReport, previewReport, setReportSection } from '../../services/report/report-drafts.ts';
import { wordList } from '../grammar/messages.ts';

type Result<F extends (...args: never[]) => Promise<unknown>> = Awaited<ReturnType<F>>;

/** The report draft: what it has in each language, what is still empty, and how to go on. */
export function reportDrafted({ incident, draft, versions, created }: Result<typeof draftReport>): string {
  const inc = incidentId(incident.id);
  const langs = Object.keys(versions);
  const lines = [
    created
      ? `Drafted incident report ${draftId(draft.number)} for ${inc} from the record, in ${wordList(langs, 'and')}.`
      : `Incident report ${draftId(draft.number)} for ${inc} is the pending draft, in ${wordList(langs, 'and')}.`,
  ];
  for (const [lang, sections] of Object.entries(versions)) {
    const empty = reportSections.filter((section) => !sections[section]);
    const long = reportSections.filter((section) => (sections[section]?.length ?? 0) > sectionLimit);
    if (empty.length) lines.push(`  ${lang}: still empty: ${empty.join(', ')}.`);
    if (long.length) lines.push(`  ${lang}: longer than a section may be (${sectionLimit} characters), shorten: ${long.join(', ')}.`);
  }
  lines.push(
    `Preview: /incident report ${inc} preview [--lang ${langs.at(-1) ?? 'en'}] · write a section: /incident report ${inc} <${reportSections.join('|')}> [--lang …] <text>`,
    `Waiting for approval by the commander, ${incident.commanderName}: /incident approve ${inc} ${draftId(draft.number)}`,
  );
  return lines.join('\n');
}

export function reportSectionWritten({ incident, draft, section, lang }: Result<typeof setReportSection>): string {
  const inc = incidentId(incident.id);
  return `Wrote ${section} (${lang}) of incident report ${draftId(draft.number)} for ${inc}. Preview: /incident report ${inc} preview --lang ${lang}`;
}

/** Exactly the text customers will read, or why another language's is shown. */
export function reportPreview({ incident, draft, lang, asked, text }: Result<typeof previewReport>): string {
  const missing = lang === asked ? '' : ` (it has no ${asked} version: this is the ${lang} one, which ${asked} readers are shown)`;
  return `Incident report ${draftId(draft.number)} for ${incidentId(incident.id)}, ${draft.state}, in ${lang}${missing}:\n\n${text}`;
}

export function keyMomentMarked({ incident, entry, changed }: Result<typeof markKeyMoment>): string {
  const said = entry.key ? (changed ? 'is now a key moment' : 'already was a key moment') : changed ? 'is no longer a key moment' : 'was not a key moment';
  return `${incidentId(incident.id)} #${entry.seq} ${said}.`;
}
