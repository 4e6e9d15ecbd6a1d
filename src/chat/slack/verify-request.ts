import type { IncomingMessage } from 'node:http';
import { defaultBodyLimit, isValidSlackRequest } from '@slack/bolt';
import type { Clock } from '../../time/clock.ts';
import { readBody } from '../../http/read-body.ts';
import { isVerifiedClock } from '../../time/verified-clock.ts';

/** Slack refuses requests signed more than five minutes away from now, in either direction. */
const maxSkewSeconds = 5 * 60;

export type Verdict = { ok: true; body: Buffer } | { ok: false; status: number; message: string };

/**
 * Verifies a request to /slack/events against the verified clock, not the machine's: a timestamp
 * more than five minutes away either way, or a signature that does not match, is refused. Bolt's
 * own check would judge staleness by the machine's clock, which may be the thing that is wrong.
 * A request that passes is one more sample of Slack's time for the clock.
 */
export async function verifySlackRequest(req: IncomingMessage, signingSecret: string, clock: Clock): Promise<Verdict> {
  const sent = Number(req.headers['x-slack-request-timestamp']);
  const now = clock.now().getTime();
  if (!(Math.abs(now / 1000 - sent) <= maxSkewSeconds))
    return { ok: false, status: 401, message: 'Request timestamp missing or more than five minutes from now' };
  const body = await readBody(req, defaultBodyLimit);
  if (!body) return { ok: false, status: 413, message: 'Request body too large' };
  const signature = req.headers['x-slack-signature'];
  const valid = isValidSlackRequest({
    signingSecret,
    body: body.toString('utf8'),
    headers: { 'x-slack-signature': typeof signature === 'string' ? signature : '', 'x-slack-request-timestamp': sent },
    nowMilliseconds: now,
  });
  if (!valid) return { ok: false, status: 401, message: 'Invalid request signature' };
  // Whole seconds, sent a moment before it arrived: the middle of that second is the best guess.
  if (isVerifiedClock(clock)) clock.observe('slack-request', sent * 1000 + 500, 1000);
  return { ok: true, body };
}
