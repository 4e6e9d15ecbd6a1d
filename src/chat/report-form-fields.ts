// The incident report's form on every platform (Slack's modal, Teams' card): one field per section
// and language, named alike, read alike, refused alike.
import { type ReportSectionName, type ReportVersions, reportSections, sectionLimit, titledSections, type TitledSection } from '../domain/report.ts';
import type { Language } from '../i18n/languages.ts';
import { ReportFieldText } from '../services/report/report-drafts.ts';

/** A field's id: the language and the section, e.g. `pt-BR:happened`. */
const reportFieldId = (lang: Language, section: ReportSectionName) => `${lang}:${section}`;

const untitled: Record<Exclude<ReportSectionName, TitledSection>, string> = { opening: 'Opening', closing: 'Closing' };
const isTitled = (section: ReportSectionName): section is TitledSection => (titledSections as readonly string[]).includes(section);

export interface ReportFormLanguage {
  lang: Language;
  titles: Record<TitledSection, string>;
}

/** One language's part of the form: its name, then each section as a field, or as a note when it is longer than a field holds. */
export function reportFormFields(form: { incidentNumber: number; versions: ReportVersions }, { lang, titles }: ReportFormLanguage) {
  const name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
  return {
    heading: `${name} · ${lang}`,
    fields: reportSections.map((section) => {
      const text = form.versions[lang]?.[section] ?? '';
      const label = isTitled(section) ? titles[section] : untitled[section];
      // Cutting it to fit would lose words, and the platforms refuse a field holding more than its limit.
      const tooLong =
        text.length > sectionLimit
          ? `${label}: ${text.length} characters, more than a field holds. Shorten it with /incident report INC-${form.incidentNumber} ${section} --lang ${lang} <text>`
          : null;
      return { id: reportFieldId(lang, section), label, text, tooLong };
    }),
  };
}

type SubmittedReport = Partial<Record<Language, Partial<Record<ReportSectionName, string>>>>;

/**
 * The form's fields as sections per language: blank ones as '' (the section is emptied), those the
 * form did not offer left out. A field whose text would be refused is named by its id, with why.
 */
export function readReportFields(
  fieldValue: (fieldId: string) => string | null | undefined,
  languages: readonly Language[],
): { ok: true; value: SubmittedReport } | { ok: false; errors: Record<string, string> } {
  const versions: SubmittedReport = {};
  const errors: Record<string, string> = {};
  for (const lang of languages) {
    for (const section of reportSections) {
      const id = reportFieldId(lang, section);
      const value = fieldValue(id);
      if (value === undefined) continue;
      const read = ReportFieldText.safeParse(value ?? '');
      if (!read.success) errors[id] = read.error.issues.at(-1)?.message ?? 'This text cannot be kept.';
      else versions[lang] = { ...versions[lang], [section]: read.data };
    }
  }
  return Object.keys(errors).length ? { ok: false, errors } : { ok: true, value: versions };
}
