import type { ReportSections, ReportTemplate } from '../../domain/report.ts';
import { draftPhrases, fillTemplate, listOf } from '../../i18n/report-templates.ts';
import type { Language } from '../../i18n/languages.ts';
import { formatCalendarDate, formatDayOf, formatDuration, formatPosted, formatTimeOfDay, sameDayIn } from '../../time/format.ts';
import type { ReportFacts } from './report-facts.ts';

export interface ReportVoice {
  lang: Language;
  /** The status page's zone: the report is read there, and its times carry the offset. */
  zone: string;
  template: ReportTemplate;
  pageName: string;
}

/**
 * A report's first draft in one language, from the incident's facts and the language's template:
 * nothing a writer would have to look up again, and nothing invented. What the facts cannot say
 * (the cause, in customers' words) is left for the writer; a section with no facts stays empty.
 */
export function assembleReport(facts: ReportFacts, { lang, zone, template, pageName }: ReportVoice): ReportSections {
  const words = draftPhrases[lang];
  const day = formatDayOf(facts.impactStart ?? facts.declaredAt, zone, lang);
  const fill = (text: string) => fillTemplate(text, { title: facts.title, date: day, page: pageName });
  // A moment on the incident's first day is told by its time; on a later day, with its date too.
  const first = facts.impactStart ?? facts.declaredAt;
  const when = (at: Date) => (sameDayIn(at, first, zone) ? formatTimeOfDay(at, zone) : formatPosted(at, zone, lang));

  const related = facts.related.map((r) => `${r.title} (${formatDayOf(r.shownAt, zone, lang)})`);
  const happened = [words.happened(day, facts.title), related.length ? words.related(listOf(related, lang)) : ''].filter(Boolean).join(' ');

  const window = facts.impactStart
    ? {
        from: formatPosted(facts.impactStart, zone, lang),
        to: facts.impactEnd ? when(facts.impactEnd) : null,
        lasted: facts.impactEnd ? formatDuration(facts.impactEnd.getTime() - facts.impactStart.getTime()) : null,
      }
    : null;
  const impact = words.impact(window, facts.components.length ? listOf(facts.components, lang) : null);

  const actions = facts.moments.map((m) => `- ${when(m.at)}: ${m.text}`).join('\n');
  const prevention = facts.followUps
    .map((f) => {
      const state = f.state === 'done' ? words.done : f.due ? words.planned(formatCalendarDate(f.due, lang)) : '';
      return `- ${f.text}${state ? ` (${state})` : ''}`;
    })
    .join('\n');

  const sections: ReportSections = {
    opening: fill(template.opening),
    happened,
    impact,
    actions,
    now: facts.lastUpdate ?? '',
    prevention,
    closing: fill(template.closing),
  };
  return Object.fromEntries(Object.entries(sections).filter(([, text]) => text !== '')) as ReportSections;
}
