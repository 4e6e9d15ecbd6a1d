import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { Language } from '../../i18n/languages.ts';
import type { Ctx } from '../context.ts';
import { parseInput, resolveComponentNames } from '../lookup.ts';
import { mutate } from '../mutation.ts';
import { wantsIncident } from '../../domain/targets.ts';
import { componentsOf } from '../../db/stores/incident-components.ts';

export const SubscribeChannelInput = z.object({
  channelId: z.string().min(1),
  channelName: z.string().min(1).max(200),
  components: z.array(z.string()).default([]),
  language: Language.optional(),
  timeZone: z.string().min(1).optional(),
  /** Teams: the Bot Connector address and tenant that proactive posts to the channel need. */
  serviceUrl: z.url({ protocol: /^https?$/ }).optional(),
  tenantId: z.string().min(1).optional(),
  /** Teams: the group id of the channel's team, for reading the channel through Graph. */
  teamGroupId: z.guid().optional(),
});

/** Only configured admins register customer channels and webhooks: what goes there is seen by customers. */
export function assertAdmin(ctx: Ctx, what = 'customer channels'): void {
  const platform = ctx.actor.platform;
  const admins = platform === 'slack' ? ctx.config.slack.admins : platform === 'teams' ? ctx.config.teams.admins : [];
  // Entra object ids are GUIDs, which Teams may write in either letter case.
  const id = platform === 'teams' ? ctx.actor.id.toLowerCase() : ctx.actor.id;
  if (!admins.some((admin) => (platform === 'teams' ? admin.toLowerCase() : admin) === id)) {
    const setting = platform === 'teams' ? 'teams.admins' : 'slack.admins';
    throw new CrisisError('forbidden', `Only crisisroom admins can manage ${what} (${setting} in the configuration).`);
  }
}

async function audit(tx: Tx, ctx: Ctx, now: Date, action: string, detail: Record<string, unknown>): Promise<void> {
  await tx.auditLog.create({
    data: { at: now, actorId: actorKey(ctx.actor), actorName: ctx.actor.name, platform: ctx.actor.platform, action, detail: JSON.stringify(detail) },
  });
}

/** Registers (or re-registers, with new settings) the channel for approved public updates. */
export async function subscribeChannel(ctx: Ctx, input: z.input<typeof SubscribeChannelInput>) {
  const { channelId, channelName, components, language, timeZone, serviceUrl, tenantId, teamGroupId } = parseInput(SubscribeChannelInput, input);
  assertAdmin(ctx);
  return mutate(ctx, async (tx, now) => {
    const names = await resolveComponentNames(tx, components);
    const settings = {
      channelName,
      components: JSON.stringify(names),
      language: language ?? ctx.config.statusPage.languages[0]!,
      timeZone: timeZone ?? ctx.config.statusPage.timeZone,
      active: true,
      updatedAt: now,
      ...(serviceUrl ? { serviceUrl } : {}),
      ...(tenantId ? { tenantId } : {}),
      ...(teamGroupId ? { teamGroupId } : {}),
    };
    const subscription = await tx.channelSubscription.upsert({
      where: { platform_channelId: { platform: ctx.actor.platform, channelId } },
      create: { platform: ctx.actor.platform, channelId, createdById: actorKey(ctx.actor), createdAt: now, ...settings },
      update: settings,
    });
    await audit(tx, ctx, now, 'channel_subscribed', { channelId, channelName, components: names, language: settings.language, timeZone: settings.timeZone });
    return { result: { ...subscription, components: names }, events: [] };
  });
}

export async function unsubscribeChannel(ctx: Ctx, input: { channelId: string }) {
  assertAdmin(ctx);
  return mutate(ctx, async (tx, now) => {
    const { count } = await tx.channelSubscription.updateMany({
      where: { platform: ctx.actor.platform, channelId: input.channelId, active: true },
      data: { active: false, updatedAt: now },
    });
    if (count === 0) throw new CrisisError('not_found', 'This channel is not subscribed to public updates.');
    await audit(tx, ctx, now, 'channel_unsubscribed', { channelId: input.channelId });
    return { result: { channelId: input.channelId }, events: [] };
  });
}

export async function listSubscriptions(ctx: Ctx) {
  const rows = await ctx.db.prisma.channelSubscription.findMany({ where: { platform: ctx.actor.platform, active: true }, orderBy: { id: 'asc' } });
  return rows.map((row) => ({ ...row, components: JSON.parse(row.components) as string[] }));
}

/** The subscriptions that receive an incident's updates: those naming one of its components, or none. */
export async function subscribersOf(tx: Tx, incidentId: number) {
  const [names, subscriptions] = await Promise.all([
    componentsOf(tx, incidentId),
    tx.channelSubscription.findMany({ where: { active: true }, orderBy: { id: 'asc' } }),
  ]);
  return subscriptions.filter((subscription) => wantsIncident(subscription.components, names));
}

/** Targets that keep a channel in step rather than reach anyone new: not counted where people read of deliveries. */
export const bookkeepingTargets = { NOT: { target: { startsWith: 'parent:' } } };
