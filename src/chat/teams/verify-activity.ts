import type { IncomingMessage } from 'node:http';
import { readBody } from '../../http/read-body.ts';
import { type JWTPayload, createRemoteJWKSet, jwtVerify } from 'jose';
import { z } from 'zod';
import type { Clock } from '../../time/clock.ts';
import { errorMessage } from '../../domain/errors.ts';

/** Bot Framework signs every activity it sends a bot with this issuer. */
const botFrameworkIssuer = 'https://api.botframework.com';
/** The skew Microsoft's own validators allow (the Teams SDK and Bot Framework SDKs use five minutes). */
const clockToleranceSeconds = 5 * 60;
const maxBodyBytes = 4 * 1024 * 1024;
/** How long the OpenID document is trusted before it is read again (the keys themselves are refreshed by jose). */
const metadataTtlMs = 24 * 60 * 60_000;

const OpenIdMetadata = z.object({ jwks_uri: z.url({ protocol: /^https?$/ }) });

/** The fields crisisroom relies on; the rest of the activity is passed on untouched. */
export const InboundActivity = z.looseObject({
  type: z.string().min(1),
  id: z.string().optional(),
  channelId: z.string().min(1),
  serviceUrl: z.url({ protocol: /^https?$/ }),
  conversation: z.looseObject({ id: z.string().min(1), tenantId: z.string().optional(), conversationType: z.string().optional() }),
  channelData: z.looseObject({ tenant: z.looseObject({ id: z.string() }).optional() }).optional(),
});
export type InboundActivity = z.infer<typeof InboundActivity>;

export type Verdict = { ok: true; activity: InboundActivity; body: unknown; claims: JWTPayload } | { ok: false; status: number; message: string };

export interface ActivityVerifierOptions {
  appId: string;
  openIdMetadataUrl: string;
  clock: Clock;
}

const normalizedUrl = (url: string) => url.replace(/\/+$/, '').toLowerCase();

/**
 * Authenticates a request to /api/messages as Bot Framework's: an RS256 token signed by a key of
 * the OpenID document's key set (endorsed for the activity's channel when the key says so), issued
 * by Bot Framework for this bot, unexpired, and naming the very service URL the activity asks to be
 * answered at — so a stolen token cannot point replies elsewhere. Expiry is judged by the verified
 * clock, not the machine's, for the same reason as Slack's signatures (see ../slack/verify-request.ts).
 */
export function createActivityVerifier({ appId, openIdMetadataUrl, clock }: ActivityVerifierOptions) {
  let keys: { set: ReturnType<typeof createRemoteJWKSet>; until: number } | null = null;

  async function keySet() {
    const now = clock.now().getTime();
    if (keys && keys.until > now) return keys.set;
    const response = await fetch(openIdMetadataUrl, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new Error(`OpenID metadata ${openIdMetadataUrl} answered ${response.status}`);
    const metadata = OpenIdMetadata.parse(await response.json());
    keys = { set: createRemoteJWKSet(new URL(metadata.jwks_uri), { timeoutDuration: 10_000 }), until: now + metadataTtlMs };
    return keys.set;
  }

  return async function verifyActivity(req: IncomingMessage): Promise<Verdict> {
    const header = req.headers.authorization;
    const token = typeof header === 'string' ? /^Bearer (\S+)$/.exec(header)?.[1] : undefined;
    if (!token) return { ok: false, status: 401, message: 'Missing bearer token' };
    const raw = await readBody(req, maxBodyBytes);
    if (!raw) return { ok: false, status: 413, message: 'Request body too large' };
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      return { ok: false, status: 400, message: 'Body is not JSON' };
    }
    const parsed = InboundActivity.safeParse(body);
    if (!parsed.success) return { ok: false, status: 400, message: 'Body is not a Bot Framework activity' };
    const activity = parsed.data;
    const set = await keySet();
    let verified: Awaited<ReturnType<typeof jwtVerify>>;
    try {
      verified = await jwtVerify(token, set, {
        issuer: botFrameworkIssuer,
        audience: appId,
        algorithms: ['RS256'],
        requiredClaims: ['exp'],
        clockTolerance: clockToleranceSeconds,
        currentDate: clock.now(),
      });
    } catch (error) {
      return { ok: false, status: 401, message: `Token refused: ${errorMessage(error)}` };
    }
    const { payload, protectedHeader } = verified;
    const serviceUrlClaim = payload.serviceurl;
    if (typeof serviceUrlClaim !== 'string' || normalizedUrl(serviceUrlClaim) !== normalizedUrl(activity.serviceUrl)) {
      return { ok: false, status: 401, message: 'Token refused: its serviceurl claim does not match the activity' };
    }
    const key = set.jwks()?.keys.find((candidate) => candidate.kid === protectedHeader.kid) as { endorsements?: unknown } | undefined;
    if (Array.isArray(key?.endorsements) && !key.endorsements.includes(activity.channelId)) {
      return { ok: false, status: 401, message: `Token refused: its key is not endorsed for channel ${activity.channelId}` };
    }
    return { ok: true, activity, body, claims: payload };
  };
}

/** The tenant an activity comes from: Teams puts it on the conversation and in the channel data. */
export function tenantOf(activity: InboundActivity): string | undefined {
  return activity.conversation.tenantId ?? activity.channelData?.tenant?.id;
}
