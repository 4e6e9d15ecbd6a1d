import { canonicalZone } from '../time/zone.ts';
import type { Ctx } from './context.ts';

/**
 * The zone a person's times are read and shown in: their own (Slack profile, console --tz), else the
 * channel's (a customer channel subscribed with --tz), else the status page's. A zone the runtime does
 * not know, as a chat platform might send, is passed over rather than failing the command.
 */
export function readingZone(ctx: Pick<Ctx, 'actor' | 'channelTimeZone' | 'config'>): string {
  for (const zone of [ctx.actor.timeZone, ctx.channelTimeZone]) {
    const known = zone === undefined ? null : canonicalZone(zone);
    if (known !== null) return known;
  }
  return ctx.config.statusPage.timeZone;
}
