import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { CrisisError } from '../../domain/errors.ts';
import { draftLabel, incidentId } from '../../domain/incident.ts';
import { ReportSectionName, type ReportVersions, reportBlocks, reportText, sectionLimit, versionFor, versionsFromRows } from '../../domain/report.ts';
import { keptAsTyped } from '../../domain/text.ts';
import { Language } from '../../i18n/languages.ts';
import { templateFor } from '../../i18n/report-templates.ts';
import type { Ctx } from '../context.ts';
import { createDraft } from '../draft/drafts.ts';
import { incidentToRead, parseInput } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { assembleReport } from './assemble-report.ts';
import { readReportFacts } from './report-facts.ts';

const IncidentRef = z.number().int().positive().optional();

export const DraftReportInput = z.object({ incident: IncidentRef });

/**
 * One section's text: kept as typed, refused with the reason, and no longer than a field of Slack's
 * form holds. A form's field may be blank (the section is then left out); a typed section may not.
 */
function sectionText(blankAllowed: boolean) {
  const text = z.string().trim();
  return (blankAllowed ? text : text.min(1, 'a report section needs text'))
    .max(sectionLimit, {
      error: (issue) =>
        `A report section holds at most ${sectionLimit} characters, as a field of Slack's form does (this one has ${String(issue.input).length}).`,
    })
    .superRefine(keptAsTyped('report section', 'prose'));
}
const SectionText = sectionText(false);
export const ReportFieldText = sectionText(true);

export const SetReportSectionInput = z.object({
  incident: IncidentRef,
  section: ReportSectionName,
  /** The page language this section is written in; the page's default when left out. */
  lang: Language.optional(),
  text: SectionText,
});

type Versions = ReportVersions;

/** What the report's commands say of its draft. */
const briefOf = (draft: { id: number; number: number; body: string }) => ({ id: draft.id, number: draft.number, body: draft.body });

/** The pending report draft of an incident, with its sections per language, or null while there is none. */
async function pendingReport(tx: Tx, incident: number) {
  const draft = await tx.publicDraft.findFirst({ where: { incidentId: incident, kind: 'report', state: 'pending' }, orderBy: { number: 'desc' } });
  return draft && { draft: briefOf(draft), versions: await versionsOf(tx, draft.id) };
}

export async function versionsOf(tx: Tx, draftId: number): Promise<ReportVersions> {
  return versionsFromRows(await tx.reportSection.findMany({ where: { draftId } }));
}

/** The report as one text in the page's default language: the draft's body, which whatever reads a report whole shows. */
export function bodyOf(ctx: Ctx, versions: Versions): string {
  const lang = defaultLanguage(ctx);
  return reportText(reportBlocks(versions[lang] ?? {}, templateFor(ctx.config.reports.templates, lang).titles));
}

const defaultLanguage = (ctx: Ctx): Language => ctx.config.statusPage.languages[0] ?? 'en';

/** The report's sections are a story of an incident that is over: they are written once it is resolved. */
async function resolvedIncident(tx: Tx, ctx: Ctx, ref: number | undefined) {
  const incident = await incidentToRead(tx, ctx, ref);
  if (incident.status !== 'resolved') {
    throw new CrisisError('conflict', `${incidentId(incident.id)} is not resolved yet: the incident report comes after the resolution.`);
  }
  return incident;
}

/** A new report draft with a version per page language, assembled from what crisisroom knows. */
async function draftFromRecord(tx: Tx, ctx: Ctx, now: Date, incident: { id: number }) {
  const facts = await readReportFacts(tx, incident.id);
  const versions: Versions = {};
  for (const lang of ctx.config.statusPage.languages) {
    versions[lang] = assembleReport(facts, {
      lang,
      zone: ctx.config.statusPage.timeZone,
      template: templateFor(ctx.config.reports.templates, lang),
      pageName: ctx.config.statusPage.name,
    });
  }
  const draft = await createDraft(tx, ctx, now, incident, 'resolved', bodyOf(ctx, versions), 'report');
  await tx.reportSection.createMany({
    data: Object.entries(versions).flatMap(([lang, sections]) =>
      Object.entries(sections).map(([section, text]) => ({ draftId: draft.id, lang, section, text })),
    ),
  });
  return { draft: briefOf(draft), versions };
}

/**
 * `/incident report`: the incident's report draft, drafted from the record the first time (title,
 * day, impact window, components, published updates, key moments, related incidents, public
 * follow-ups), in each of the page's languages. Asked again, it is the same pending draft.
 */
export async function draftReport(ctx: Ctx, input: z.input<typeof DraftReportInput>) {
  const { incident: ref } = parseInput(DraftReportInput, input);
  return mutate(ctx, async (tx, now) => {
    const incident = await resolvedIncident(tx, ctx, ref);
    const pending = await pendingReport(tx, incident.id);
    if (pending) return { result: { incident, ...pending, created: false }, events: [] };
    const drafted = await draftFromRecord(tx, ctx, now, incident);
    return {
      result: { incident, ...drafted, created: true },
      events: [{ type: 'draft_created', incidentId: incident.id, draftId: drafted.draft.id }],
    };
  });
}

/** Writes one section of the pending report draft in one language (drafting the report first if none is pending). */
export async function setReportSection(ctx: Ctx, input: z.input<typeof SetReportSectionInput>) {
  const { incident: ref, section, lang: typed, text } = parseInput(SetReportSectionInput, input);
  const { languages } = ctx.config.statusPage;
  const lang = typed ?? defaultLanguage(ctx);
  if (!languages.includes(lang)) {
    throw new CrisisError('invalid_input', `The status page is not in ${lang}: a report has a version in each of its languages (${languages.join(', ')}).`);
  }
  return mutate(ctx, async (tx, now) => {
    const incident = await resolvedIncident(tx, ctx, ref);
    const { draft, versions } = (await pendingReport(tx, incident.id)) ?? (await draftFromRecord(tx, ctx, now, incident));
    const key = { draftId_lang_section: { draftId: draft.id, lang, section } };
    await tx.reportSection.upsert({ where: key, create: { draftId: draft.id, lang, section, text }, update: { text } });
    const updated: Versions = { ...versions, [lang]: { ...versions[lang], [section]: text } };
    const body = bodyOf(ctx, updated);
    await tx.publicDraft.update({ where: { id: draft.id }, data: { body } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'draft_edited',
      text: `${draftLabel('report', draft.number)}: ${section} (${lang}) written by ${ctx.actor.name}: ${text}`,
      detail: { draft: draft.number, section, lang, before: versions[lang]?.[section] ?? null },
    });
    return {
      result: { incident, draft: { ...draft, body }, versions: updated, section, lang },
      events: [{ type: 'draft_changed', incidentId: incident.id, draftId: draft.id }],
    };
  });
}

export const PreviewReportInput = z.object({ incident: IncidentRef, lang: Language.optional() });

/** Exactly what customers will read in one language: the pending report draft, else the report last published. */
export async function previewReport(ctx: Ctx, input: z.input<typeof PreviewReportInput>) {
  const { incident: ref, lang: typed } = parseInput(PreviewReportInput, input);
  const lang = typed ?? defaultLanguage(ctx);
  const tx = ctx.db.prisma;
  const incident = await incidentToRead(tx, ctx, ref);
  const draft =
    (await tx.publicDraft.findFirst({ where: { incidentId: incident.id, kind: 'report', state: 'pending' }, orderBy: { number: 'desc' } })) ??
    (await tx.publicDraft.findFirst({ where: { incidentId: incident.id, kind: 'report', state: 'approved' }, orderBy: { number: 'desc' } }));
  if (!draft) throw new CrisisError('not_found', `${incidentId(incident.id)} has no incident report yet: /incident report drafts one from the record.`);
  const versions = await versionsOf(tx, draft.id);
  const { languages } = ctx.config.statusPage;
  const version = versionFor(versions, lang, languages);
  const shown = version?.lang ?? lang;
  const blocks = version ? reportBlocks(version.sections, templateFor(ctx.config.reports.templates, shown).titles) : [];
  return { incident, draft, lang: shown, asked: lang, blocks, languages, text: blocks.length ? reportText(blocks) : draft.body };
}
