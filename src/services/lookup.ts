import type { z } from 'zod';
import type { Database, Tx } from '../db/client.ts';
import { CrisisError } from '../domain/errors.ts';
import { actorKey } from '../domain/actor.ts';
import { draftId, incidentId } from '../domain/incident.ts';
import { isTextIssue } from '../domain/text.ts';
import type { Ctx } from './context.ts';

/** Validates a use case's own input; the message names the field and what is wrong with it (the text rule's says it whole). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  if (issue && isTextIssue(issue)) throw new CrisisError('invalid_input', issue.message);
  const field = issue?.path.join('.');
  throw new CrisisError('invalid_input', field ? `${field}: ${issue?.message}` : (issue?.message ?? 'invalid input'));
}

/** Incidents still being worked on: not resolved, or resolved with a public update awaiting a decision. */
export const activeIncidentFilter = {
  OR: [{ status: { not: 'resolved' } }, { drafts: { some: { state: 'pending' } } }],
};

/**
 * The incident a command acts on: the one it names, else the crisis room's, else the only active one.
 */
export async function targetIncident(tx: Tx, ctx: Ctx, ref: number | undefined) {
  const id = ref ?? ctx.roomIncidentId;
  if (id !== undefined) {
    const incident = await tx.incident.findUnique({ where: { id } });
    if (!incident) throw new CrisisError('not_found', `${incidentId(id)} does not exist.`);
    return incident;
  }
  const active = await tx.incident.findMany({ where: activeIncidentFilter, orderBy: { id: 'asc' }, take: 6 });
  const [only] = active;
  if (active.length === 1 && only) return only;
  if (active.length === 0) {
    throw new CrisisError('not_found', 'There is no open incident. Name one (e.g. INC-3) or declare one with /incident declare <title>.');
  }
  const ids = active
    .slice(0, 5)
    .map((incident) => incidentId(incident.id))
    .join(', ');
  throw new CrisisError(
    'invalid_input',
    `Several incidents are open (${ids}${active.length > 5 ? ', …' : ''}): name one right after the verb, e.g. /incident note ${incidentId(active[0]!.id)} …`,
  );
}

/**
 * The incident a command that only reads (or writes after the fact, like the report) acts on: the
 * one it names, else the crisis room's, else the latest one this person worked on, resolved or not,
 * so `timeline` right after a resolution still shows the incident just closed. Someone who has worked
 * on none gets the active incident, as with any other verb.
 */
export async function incidentToRead(tx: Tx, ctx: Ctx, ref: number | undefined) {
  if (ref !== undefined || ctx.roomIncidentId !== undefined) return targetIncident(tx, ctx, ref);
  const latest = await tx.timelineEntry.findFirst({
    where: { actorId: actorKey(ctx.actor) },
    orderBy: { id: 'desc' },
    select: { incident: true },
  });
  return latest?.incident ?? targetIncident(tx, ctx, ref);
}

/** The row id of draft D<number> of an incident (the oldest still pending when no number is given); throws a CrisisError when there is none. */
export async function draftRowId(db: Database, incident: number, number: number | undefined): Promise<number> {
  return (await targetDraft(db.prisma, { id: incident }, number)).id;
}

/** The draft a decision is about: the one named, else the oldest still pending. */
export async function targetDraft(tx: Tx, incident: { id: number }, number: number | undefined) {
  if (number !== undefined) {
    const draft = await tx.publicDraft.findUnique({ where: { incidentId_number: { incidentId: incident.id, number } } });
    if (!draft) throw new CrisisError('not_found', `${incidentId(incident.id)} has no draft ${draftId(number)}.`);
    return draft;
  }
  const draft = await tx.publicDraft.findFirst({ where: { incidentId: incident.id, state: 'pending' }, orderBy: { number: 'asc' } });
  if (!draft) throw new CrisisError('not_found', `${incidentId(incident.id)} has no public update waiting for a decision.`);
  return draft;
}

/** Component names as configured, matched without regard to case. */
export async function resolveComponentNames(tx: Tx, names: readonly string[]): Promise<string[]> {
  if (names.length === 0) return [];
  const known = await tx.component.findMany({ orderBy: { position: 'asc' }, select: { name: true } });
  if (known.length === 0) throw new CrisisError('invalid_input', 'This status page has no components configured (components: in the configuration file).');
  return names.map((name) => {
    const match = known.find((component) => component.name.toLowerCase() === name.trim().toLowerCase());
    if (!match) throw new CrisisError('invalid_input', `Unknown component "${name}". Components: ${known.map((c) => c.name).join(', ')}.`);
    return match.name;
  });
}
