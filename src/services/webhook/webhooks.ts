/**
 * Webhook endpoints that receive approved public updates: admins add, remove, list and rotate them.
 * Each change writes its audit row in its own transaction; a secret is shown once, when made, and
 * never written to the audit log.
 */
import { z } from 'zod';
import type { Tx } from '../../db/client.ts';
import { actorKey } from '../../domain/actor.ts';
import { CrisisError } from '../../domain/errors.ts';
import { webhookId } from '../../domain/webhook.ts';
import { type Resolver, UnsafeUrlError, checkOutboundUrl, systemResolver } from '../../net/outbound-address.ts';
import type { Ctx } from '../context.ts';
import { parseInput, resolveComponentNames } from '../lookup.ts';
import { mutate, recordAudit } from '../mutation.ts';
import { assertAdmin } from '../subscription/subscriptions.ts';
import { componentsOf } from '../../db/stores/incident-components.ts';
import { wantsIncident } from '../../domain/targets.ts';
import { initialSecrets, newWebhookSecret, parseSecrets, rotatedSecrets, signingSecrets } from '../../domain/webhook-secrets.ts';

const what = 'webhooks';
const urlLimit = 2000;

export const AddWebhookInput = z.object({
  url: z.string().trim().min(1).max(urlLimit),
  components: z.array(z.string()).default([]),
});

/** A webhook named by its number, or by its URL as registered. */
export const WebhookRef = z.object({ endpoint: z.union([z.int().positive(), z.string().trim().min(1).max(urlLimit)]) });

/**
 * Registers an endpoint and makes its first secret. The URL is checked against the outbound address
 * policy now, so a URL that could never be delivered to is refused with its reason; a URL that was
 * removed or disabled before is enabled again, with a new secret.
 */
export async function addWebhook(ctx: Ctx, input: z.input<typeof AddWebhookInput>, resolve: Resolver = systemResolver) {
  assertAdmin(ctx, what);
  const { url, components } = parseInput(AddWebhookInput, input);
  const checked = await checkOutboundUrl(url, ctx.config.webhooks, resolve).catch((error: unknown) => {
    if (error instanceof UnsafeUrlError) throw new CrisisError('invalid_input', error.message);
    const reason = error instanceof Error && 'code' in error ? String(error.code) : 'no answer';
    throw new CrisisError('invalid_input', `The host of ${url} cannot be found in DNS (${reason}).`);
  });
  const href = checked.url.href;
  const secret = newWebhookSecret();
  return mutate(ctx, async (tx, now) => {
    const names = await resolveComponentNames(tx, components);
    const existing = await tx.webhookEndpoint.findUnique({ where: { url: href } });
    if (existing?.active) {
      throw new CrisisError(
        'conflict',
        `${webhookId(existing.id)} already delivers to ${href}; use webhook rotate ${webhookId(existing.id)} for a new secret.`,
      );
    }
    const settings = { components: JSON.stringify(names), secrets: initialSecrets(secret), active: true, disabledReason: null, updatedAt: now };
    const endpoint = existing
      ? await tx.webhookEndpoint.update({ where: { id: existing.id }, data: settings })
      : await tx.webhookEndpoint.create({ data: { url: href, createdById: actorKey(ctx.actor), createdAt: now, ...settings } });
    await recordAudit(tx, ctx, now, 'webhook_added', { webhook: endpoint.id, url: href, components: names });
    return { result: { id: endpoint.id, url: href, components: names, secret }, events: [] };
  });
}

async function activeEndpoint(tx: Tx, input: z.input<typeof WebhookRef>) {
  const { endpoint } = parseInput(WebhookRef, input);
  const where = typeof endpoint === 'number' ? { id: endpoint } : { url: URL.canParse(endpoint) ? new URL(endpoint).href : endpoint };
  const found = await tx.webhookEndpoint.findUnique({ where });
  const named = typeof endpoint === 'number' ? webhookId(endpoint) : endpoint;
  if (!found?.active) throw new CrisisError('not_found', `No active webhook ${named} (see /incident webhook list).`);
  return found;
}

/** Stops deliveries to an endpoint; the row stays, with why, so the audit trail keeps its URL. */
export async function removeWebhook(ctx: Ctx, input: z.input<typeof WebhookRef>) {
  assertAdmin(ctx, what);
  return mutate(ctx, async (tx, now) => {
    const endpoint = await activeEndpoint(tx, input);
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { active: false, disabledReason: `removed by ${ctx.actor.name}`, updatedAt: now } });
    await recordAudit(tx, ctx, now, 'webhook_removed', { webhook: endpoint.id, url: endpoint.url });
    return { result: { id: endpoint.id, url: endpoint.url }, events: [] };
  });
}

/** A new secret; the one it replaces keeps signing, beside it, for the grace period. */
export async function rotateWebhookSecret(ctx: Ctx, input: z.input<typeof WebhookRef>) {
  assertAdmin(ctx, what);
  const secret = newWebhookSecret();
  return mutate(ctx, async (tx, now) => {
    const endpoint = await activeEndpoint(tx, input);
    const { json, previousUntil } = rotatedSecrets(endpoint.secrets, secret, now);
    await tx.webhookEndpoint.update({ where: { id: endpoint.id }, data: { secrets: json, updatedAt: now } });
    await recordAudit(tx, ctx, now, 'webhook_secret_rotated', { webhook: endpoint.id, url: endpoint.url, previousSecretUntil: previousUntil.toISOString() });
    return { result: { id: endpoint.id, url: endpoint.url, secret, previousUntil }, events: [] };
  });
}

/** Every endpoint, disabled ones with their reason; never a secret, only how many sign now. */
export async function listWebhooks(ctx: Ctx) {
  assertAdmin(ctx, what);
  const now = ctx.clock.now();
  const rows = await ctx.db.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });
  return rows.map((row) => ({
    id: row.id,
    url: row.url,
    components: JSON.parse(row.components) as string[],
    active: row.active,
    disabledReason: row.disabledReason,
    signingSecrets: signingSecrets(row.secrets, now).length,
    rotationEndsAt: rotationEnd(row.secrets, now),
  }));
}

/** While a rotation lasts, when the last replaced secret stops signing; else null. */
function rotationEnd(secrets: string, now: Date): Date | null {
  const ends = parseSecrets(secrets).flatMap((stored) => (stored.until === null ? [] : [new Date(stored.until)]));
  const last = ends.filter((end) => end > now).sort((a, b) => b.getTime() - a.getTime())[0];
  return last ?? null;
}

/** The active endpoints that receive an incident's updates: those naming one of its components, or none. */
export async function webhooksOf(tx: Tx, incidentId: number) {
  const names = await componentsOf(tx, incidentId);
  const endpoints = await tx.webhookEndpoint.findMany({ where: { active: true }, orderBy: { id: 'asc' } });
  return endpoints.filter((endpoint) => wantsIncident(endpoint.components, names));
}
