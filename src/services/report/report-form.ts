import { z } from 'zod';
import { CrisisError } from '../../domain/errors.ts';
import { draftLabel } from '../../domain/incident.ts';
import { ReportSectionName, type ReportVersions, reportSections } from '../../domain/report.ts';
import { Language } from '../../i18n/languages.ts';
import type { Ctx, Services } from '../context.ts';
import { assertMayDecide } from '../draft/decisions.ts';
import { parseInput, targetDraft, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { templateFor } from '../../i18n/report-templates.ts';
import { ReportFieldText, bodyOf, versionsOf } from './report-drafts.ts';

export const WriteReportInput = z.object({
  incident: z.number().int().positive(),
  draft: z.number().int().positive(),
  /** Every section of each language the form showed; a blank one empties its section. */
  versions: z.partialRecord(Language, z.partialRecord(ReportSectionName, ReportFieldText)),
});

/**
 * Saves the report's form (Slack's modal, Teams' card): each language's sections at once, in one
 * transaction. Like any edit of a draft waiting for its decision, only someone who may decide it may;
 * the timeline names the sections changed, with the words before them kept in the audit.
 */
export async function writeReport(ctx: Ctx, input: z.input<typeof WriteReportInput>) {
  const { incident: ref, draft: number, versions: submitted } = parseInput(WriteReportInput, input);
  const { languages } = ctx.config.statusPage;
  const foreign = Object.keys(submitted).filter((lang) => !(languages as readonly string[]).includes(lang));
  if (foreign.length) throw new CrisisError('invalid_input', `The status page is not in ${foreign.join(', ')} (it is in ${languages.join(', ')}).`);
  return mutate(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const draft = await targetDraft(tx, incident, number);
    await assertMayDecide(tx, ctx, incident, draft, 'edit');
    if (draft.kind !== 'report' || draft.state !== 'pending') {
      throw new CrisisError('conflict', `${draftLabel(draft.kind, draft.number)} is not an incident report waiting for its decision.`);
    }
    const before = await versionsOf(tx, draft.id);
    const after: ReportVersions = { ...before };
    const changed: string[] = [];
    for (const [lang, sections] of Object.entries(submitted) as [Language, Partial<Record<ReportSectionName, string>>][]) {
      for (const section of reportSections) {
        const text = sections[section];
        if (text === undefined || text === (before[lang]?.[section] ?? '')) continue;
        const key = { draftId_lang_section: { draftId: draft.id, lang, section } };
        if (text === '') await tx.reportSection.delete({ where: key });
        else await tx.reportSection.upsert({ where: key, create: { draftId: draft.id, lang, section, text }, update: { text } });
        const { [section]: _, ...rest } = after[lang] ?? {};
        after[lang] = text === '' ? rest : { ...rest, [section]: text };
        changed.push(`${section} (${lang})`);
      }
    }
    if (changed.length === 0) return { result: { incident, draft, changed }, events: [] };
    const body = bodyOf(ctx, after);
    await tx.publicDraft.update({ where: { id: draft.id }, data: { body } });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'draft_edited',
      text: `${draftLabel('report', draft.number)} edited by ${ctx.actor.name}: ${changed.join(', ')}`,
      detail: { draft: draft.number, before },
    });
    return { result: { incident, draft: { ...draft, body }, changed }, events: [{ type: 'draft_changed', incidentId: incident.id, draftId: draft.id }] };
  });
}

/** What the report's form shows: each page language's sections as they stand, with their titles. Null for a draft written as one text. */
export async function loadReportForm(services: Pick<Services, 'db' | 'config'>, draftRowId: number) {
  const draft = await services.db.prisma.publicDraft.findUniqueOrThrow({ where: { id: draftRowId } });
  const versions = await versionsOf(services.db.prisma, draft.id);
  if (draft.kind !== 'report' || Object.keys(versions).length === 0) return null;
  return {
    incidentNumber: draft.incidentId,
    draftNumber: draft.number,
    versions,
    languages: services.config.statusPage.languages.map((lang) => ({ lang, titles: templateFor(services.config.reports.templates, lang).titles })),
  };
}
