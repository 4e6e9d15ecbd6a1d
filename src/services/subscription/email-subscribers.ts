import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { EmailAddress } from '../../domain/email-address.ts';
import { CrisisError } from '../../domain/errors.ts';
import { Language } from '../../i18n/languages.ts';
import { isValidTimeZone } from '../../time/zone.ts';
import type { Ctx } from '../context.ts';
import { parseInput, resolveComponentNames } from '../lookup.ts';
import { mutate, recordAudit } from '../mutation.ts';

export const RequestEmailSubscriptionInput = z.object({
  address: EmailAddress,
  components: z.array(z.string().max(100)).max(100).default([]),
  language: Language.optional(),
  timeZone: z.string().refine(isValidTimeZone, 'not an IANA time zone').optional(),
});

/** The random part of a link: what randomBytes(24) gives in base64url. */
const Token = z.string().regex(/^[A-Za-z0-9_-]{32}$/);

/** A confirmation link is good for a week after the request it answers. */
const confirmValidMs = 7 * 24 * 60 * 60 * 1000;

const newToken = () => randomBytes(24).toString('base64url');

/** Which mail the address is sent: a link to confirm, or a reminder that it is subscribed already. */
type SubscriptionMail = 'confirm' | 'already-subscribed';

/**
 * A visitor asks for e-mail updates. A new address, or one pending, lapsed or unsubscribed, gets the
 * settings asked for and a fresh confirmation link (nothing is sent to it until confirmed). A confirmed
 * subscription keeps its settings, since anyone may type any address: its owner is reminded instead.
 * The caller answers the same page in every case, so the form tells no one who is subscribed.
 */
export async function requestEmailSubscription(ctx: Ctx, input: z.input<typeof RequestEmailSubscriptionInput>) {
  const { address, components, language, timeZone } = parseInput(RequestEmailSubscriptionInput, input);
  return mutate(ctx, async (tx, now) => {
    const names = await resolveComponentNames(tx, components);
    const settings = {
      components: JSON.stringify(names),
      language: language ?? ctx.config.statusPage.languages[0]!,
      timeZone: timeZone ?? ctx.config.statusPage.timeZone,
      updatedAt: now,
    };
    const existing = await tx.emailSubscriber.findUnique({ where: { address } });
    if (!existing) {
      const subscriber = await tx.emailSubscriber.create({
        data: { address, ...settings, confirmToken: newToken(), unsubscribeToken: newToken(), createdAt: now },
      });
      return { result: { subscriber, mail: 'confirm' as SubscriptionMail }, events: [] };
    }
    if (existing.confirmedAt && !existing.unsubscribedAt)
      return { result: { subscriber: existing, mail: 'already-subscribed' as SubscriptionMail }, events: [] };
    const subscriber = await tx.emailSubscriber.update({
      where: { id: existing.id },
      data: { ...settings, confirmToken: newToken(), confirmedAt: null, unsubscribedAt: null },
    });
    return { result: { subscriber, mail: 'confirm' as SubscriptionMail }, events: [] };
  });
}

const invalidLink = () => new CrisisError('not_found', 'This link is not valid: it may have expired or been replaced by a newer one.');

type Subscriber = { confirmedAt: Date | null; unsubscribedAt: Date | null; updatedAt: Date };

/** A pending subscription's link works for a week; a confirmed one's keeps showing that it is confirmed. */
function confirmable(subscriber: Subscriber | null, now: Date): boolean {
  if (!subscriber || subscriber.unsubscribedAt) return false;
  return subscriber.confirmedAt !== null || now.getTime() - subscriber.updatedAt.getTime() <= confirmValidMs;
}

/** What a confirmation link is about, for the page that asks to confirm; null when the link is not valid. */
export async function findSubscriptionToConfirm(ctx: Ctx, token: string) {
  if (!Token.safeParse(token).success) return null;
  const subscriber = await ctx.db.prisma.emailSubscriber.findUnique({ where: { confirmToken: token } });
  if (!subscriber || !confirmable(subscriber, ctx.clock.now())) return null;
  return describe(subscriber);
}

/** Confirms the address (double opt-in): from now on it receives the updates it asked for. Repeating it changes nothing. */
export async function confirmEmailSubscription(ctx: Ctx, input: { token: string }) {
  if (!Token.safeParse(input.token).success) throw invalidLink();
  return mutate(ctx, async (tx, now) => {
    const subscriber = await tx.emailSubscriber.findUnique({ where: { confirmToken: input.token } });
    if (!subscriber || !confirmable(subscriber, now)) throw invalidLink();
    if (subscriber.confirmedAt) return { result: describe(subscriber), events: [] };
    const confirmed = await tx.emailSubscriber.update({ where: { id: subscriber.id }, data: { confirmedAt: now, updatedAt: now } });
    // The address stays out of the append-only log: an erasure request must be able to remove it.
    await recordAudit(tx, ctx, now, 'email_subscriber_confirmed', {
      subscriberId: subscriber.id,
      components: JSON.parse(subscriber.components),
      language: subscriber.language,
      timeZone: subscriber.timeZone,
    });
    return { result: describe(confirmed), events: [] };
  });
}

/** What an unsubscribe link is about, for the page with the button; null when the link is not valid. */
export async function findSubscriptionToEnd(ctx: Ctx, token: string) {
  if (!Token.safeParse(token).success) return null;
  const subscriber = await ctx.db.prisma.emailSubscriber.findUnique({ where: { unsubscribeToken: token } });
  return subscriber ? describe(subscriber) : null;
}

/** Ends the subscription (the link in every mail, or a mail client's one-click request). Repeating it changes nothing. */
export async function unsubscribeEmail(ctx: Ctx, input: { token: string }) {
  if (!Token.safeParse(input.token).success) throw invalidLink();
  return mutate(ctx, async (tx, now) => {
    const subscriber = await tx.emailSubscriber.findUnique({ where: { unsubscribeToken: input.token } });
    if (!subscriber) throw invalidLink();
    if (subscriber.unsubscribedAt) return { result: describe(subscriber), events: [] };
    const ended = await tx.emailSubscriber.update({ where: { id: subscriber.id }, data: { unsubscribedAt: now, updatedAt: now } });
    await recordAudit(tx, ctx, now, 'email_subscriber_unsubscribed', { subscriberId: subscriber.id });
    return { result: describe(ended), events: [] };
  });
}

function describe(subscriber: Subscriber & { address: string; components: string; language: string; timeZone: string }) {
  return {
    address: subscriber.address,
    components: JSON.parse(subscriber.components) as string[],
    language: Language.catch('en').parse(subscriber.language),
    timeZone: subscriber.timeZone,
    state: subscriber.unsubscribedAt ? ('unsubscribed' as const) : subscriber.confirmedAt ? ('confirmed' as const) : ('pending' as const),
  };
}
