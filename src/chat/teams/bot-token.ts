import { z } from 'zod';
import type { Clock } from '../../time/clock.ts';

/** The scope of a token for Bot Connector calls (replies, proactive posts). */
const botConnectorScope = 'https://api.botframework.com/.default';

const TokenResponse = z.object({ access_token: z.string().min(1), expires_in: z.coerce.number().int().positive() });

/** Tokens are renewed this long before they expire, so none runs out in flight. */
const renewEarlyMs = 5 * 60_000;

export interface BotTokenOptions {
  tokenUrl: string;
  appId: string;
  appPassword: string;
  clock: Clock;
}

/**
 * The bot's access tokens, from its tenant's token endpoint by the client-credentials grant, kept
 * per scope until shortly before they expire. Concurrent callers share one request. The password
 * and the tokens never reach the log: a failure says only the endpoint and the status.
 */
export function createBotTokens({ tokenUrl, appId, appPassword, clock }: BotTokenOptions) {
  const cache = new Map<string, { token: string; until: number }>();
  const pending = new Map<string, Promise<string>>();

  async function request(scope: string): Promise<string> {
    const response = await fetch(tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'client_credentials', client_id: appId, client_secret: appPassword, scope }),
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      const error = (await response.json().catch(() => ({}))) as { error?: unknown };
      throw new Error(
        `the token endpoint ${tokenUrl} refused the bot's credentials: ${response.status}${typeof error.error === 'string' ? ` ${error.error}` : ''}`,
      );
    }
    const body = TokenResponse.parse(await response.json());
    cache.set(scope, { token: body.access_token, until: clock.now().getTime() + body.expires_in * 1000 - renewEarlyMs });
    return body.access_token;
  }

  return {
    async get(scope: string = botConnectorScope): Promise<string> {
      const hit = cache.get(scope);
      if (hit && hit.until > clock.now().getTime()) return hit.token;
      let inFlight = pending.get(scope);
      if (!inFlight) {
        inFlight = request(scope).finally(() => pending.delete(scope));
        pending.set(scope, inFlight);
      }
      return inFlight;
    },
  };
}

export type BotTokens = ReturnType<typeof createBotTokens>;
