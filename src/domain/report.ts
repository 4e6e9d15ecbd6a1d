import { z } from 'zod';
import { Language } from '../i18n/languages.ts';

/**
 * The sections of a customer incident report, in the order customers read them: the opening, what
 * happened, how it affected them, what was done, where things stand, what will be done so that it
 * does not happen again, and the closing.
 */
export const reportSections = ['opening', 'happened', 'impact', 'actions', 'now', 'prevention', 'closing'] as const;
export const ReportSectionName = z.enum(reportSections);
export type ReportSectionName = z.infer<typeof ReportSectionName>;

/** The opening and the closing are the writer's own words; the sections between carry a title. */
export const titledSections = ['happened', 'impact', 'actions', 'now', 'prevention'] as const;
export type TitledSection = (typeof titledSections)[number];

export type ReportSections = Partial<Record<ReportSectionName, string>>;

/** The words a report is written with in one language: the section titles, the opening and the closing. */
export interface ReportTemplate {
  opening: string;
  closing: string;
  titles: Record<TitledSection, string>;
}

/** Slack's form holds 3,000 characters in a field: each section fits one, so every section can be edited there. */
export const sectionLimit = 3000;

/** One section as read: its title (none for the opening and the closing) and its text. */
export interface ReportBlock {
  section: ReportSectionName;
  title: string | null;
  text: string;
}

const isTitled = (section: ReportSectionName): section is TitledSection => (titledSections as readonly string[]).includes(section);

/** The report's sections that have text, in reading order, each with its title. */
export function reportBlocks(sections: ReportSections, titles: ReportTemplate['titles']): ReportBlock[] {
  return reportSections.flatMap((section) => {
    const text = sections[section]?.trim();
    if (!text) return [];
    return [{ section, title: isTitled(section) ? titles[section] : null, text }];
  });
}

/** The report as one plain text (a title line above each titled section), for what reads it whole: Statuspage's postmortem, a preview. */
export function reportText(blocks: readonly ReportBlock[]): string {
  return blocks.map((block) => (block.title ? `${block.title}\n${block.text}` : block.text)).join('\n\n');
}

/** A report's sections per language, as written. */
export type ReportVersions = Partial<Record<Language, ReportSections>>;

/** Stored section rows (one per language and section) as the versions they make. */
export function versionsFromRows(rows: readonly { lang: string; section: string; text: string }[]): ReportVersions {
  const versions: ReportVersions = {};
  for (const row of rows) {
    const lang = Language.parse(row.lang);
    versions[lang] = { ...versions[lang], [ReportSectionName.parse(row.section)]: row.text };
  }
  return versions;
}

/**
 * The version a reader of one language is shown: their own, else the first of the page's languages
 * the report has (the default one first). Null for a report written as one text, with no sections.
 */
export function versionFor(
  versions: ReportVersions,
  wanted: Language,
  pageLanguages: readonly Language[],
): { lang: Language; sections: ReportSections } | null {
  const lang = versions[wanted] ? wanted : pageLanguages.find((l) => versions[l]);
  const sections = lang ? versions[lang] : undefined;
  return lang && sections ? { lang, sections } : null;
}
