import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { incidentId } from '../../domain/incident.ts';
import { type RoleDefinition, commanderRole, rolesOf } from '../../domain/roles.ts';
import type { Ctx } from '../context.ts';
import { incidentToRead, parseInput, targetIncident } from '../lookup.ts';
import { mutate, recordOnTimeline } from '../mutation.ts';
import { changeCommander } from './change-commander.ts';

export const AssignRoleInput = z.object({
  incident: z.number().int().positive().optional(),
  role: z.string().trim().min(1).max(30),
  /** The person as the adapter resolved them, on the same platform as the actor; null takes the role back from its holder. */
  user: z.object({ id: z.string().trim().min(1), name: z.string().trim().min(1).max(100) }).nullable(),
});

/** The configured role typed, or a refusal naming them all. */
function roleNamed(ctx: Pick<Ctx, 'config'>, name: string): RoleDefinition {
  const roles = rolesOf(ctx.config.roles);
  const role = roles.find((candidate) => candidate.name === name.toLowerCase());
  if (!role) throw new CrisisError('invalid_input', `There is no role "${name}": the roles are ${roles.map((r) => r.name).join(', ')}.`);
  return role;
}

/** Who holds each role of the incident but the commander, in the configuration's order, null where nobody does. */
export async function rolesHeld(tx: Tx, ctx: Pick<Ctx, 'config'>, incident: number) {
  const held = await tx.incidentRole.findMany({ where: { incidentId: incident } });
  return rolesOf(ctx.config.roles)
    .filter((role) => role.name !== commanderRole)
    .map((role) => ({ ...role, holder: held.find((row) => row.role === role.name) ?? null }));
}

/** A role given, handed over or taken back: who holds it now (null: nobody), and who did before. */
interface RoleChange {
  incident: number;
  role: RoleDefinition;
  holder: string | null;
  previous: string | null;
}

/**
 * Gives a role to someone, handing it over from whoever held it, or takes it back (`user` null). The
 * commander's role is handed over as `commander` does. The change and who made it are on the
 * timeline and in the audit log; the person is brought into the incident's rooms.
 */
export async function assignRole(ctx: Ctx, input: z.input<typeof AssignRoleInput>): Promise<RoleChange> {
  const { incident: ref, role: name, user } = parseInput(AssignRoleInput, input);
  const role = roleNamed(ctx, name);
  if (role.name === commanderRole) {
    if (!user) throw new CrisisError('invalid_input', 'An incident always has a commander: name who takes over.');
    const { incident, previous } = await changeCommander(ctx, { ...(ref === undefined ? {} : { incident: ref }), user });
    return { incident: incident.id, role, holder: user.name, previous };
  }
  return mutate<RoleChange>(ctx, async (tx, now) => {
    const incident = await targetIncident(tx, ctx, ref);
    const id = incidentId(incident.id);
    const current = await tx.incidentRole.findUnique({ where: { incidentId_role: { incidentId: incident.id, role: role.name } } });
    const key = user && actorKey({ platform: ctx.actor.platform, id: user.id });
    if (!user || !key) {
      if (!current) throw new CrisisError('conflict', `Nobody is the ${role.title} of ${id}.`);
      await tx.incidentRole.delete({ where: { id: current.id } });
      await recordOnTimeline(tx, ctx, now, incident.id, {
        kind: 'role',
        text: `${current.personName} is no longer the ${role.title} of ${id}`,
        detail: { role: role.name, from: current.personId, to: null },
      });
      return {
        result: { incident: incident.id, role, holder: null, previous: current.personName },
        events: [{ type: 'incident_changed', incidentId: incident.id }],
      };
    }
    if (current?.personId === key) throw new CrisisError('conflict', `${user.name} is already the ${role.title} of ${id}.`);
    const by = { assignedAt: now, assignedById: actorKey(ctx.actor), assignedByName: ctx.actor.name };
    const holder = { personId: key, personName: user.name, ...by };
    await tx.incidentRole.upsert({
      where: { incidentId_role: { incidentId: incident.id, role: role.name } },
      create: { incidentId: incident.id, role: role.name, ...holder },
      update: holder,
    });
    await recordOnTimeline(tx, ctx, now, incident.id, {
      kind: 'role',
      text: current ? `${role.title} of ${id} handed from ${current.personName} to ${user.name}` : `${user.name} is the ${role.title} of ${id}`,
      detail: { role: role.name, from: current?.personId ?? null, to: key },
    });
    return {
      result: { incident: incident.id, role, holder: user.name, previous: current?.personName ?? null },
      events: [
        { type: 'incident_changed', incidentId: incident.id },
        { type: 'role_assigned', incidentId: incident.id, title: role.title, personId: key, personName: user.name },
      ],
    };
  });
}

/** The incident's roles, the commander's first, each with its holder's name or null. */
export async function listRoles(ctx: Ctx, input: { incident?: number | undefined }) {
  const incident = await incidentToRead(ctx.db.prisma, ctx, input.incident);
  const commander = roleNamed(ctx, commanderRole);
  const others = await rolesHeld(ctx.db.prisma, ctx, incident.id);
  return {
    incident: incident.id,
    roles: [{ ...commander, holder: incident.commanderName }, ...others.map((role) => ({ ...role, holder: role.holder?.personName ?? null }))],
  };
}
