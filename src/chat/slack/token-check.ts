import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { SlackCredentials } from '../../config.ts';
import { errorMessage } from '../../domain/errors.ts';

const AuthTest = z.object({
  team: z.string(),
  team_id: z.string(),
  user: z.string(),
  user_id: z.string(),
  response_metadata: z.object({ scopes: z.array(z.string()).optional() }).optional(),
});

export type TokenCheck =
  | { ok: true; team: string; teamId: string; user: string; userId: string; scopes: string[] | null }
  | { ok: false; reason: string; refused: boolean };

/** Slack's error code ("invalid_auth", "account_inactive"…) or what kept the request from Slack. */
function slackReason(error: unknown): string {
  const { code, data, original } = error as { code?: string; data?: { error?: string }; original?: unknown };
  if (code === ErrorCode.PlatformError && data?.error) return data.error;
  if (code === ErrorCode.RequestError) return errorMessage(original ?? error);
  return errorMessage(error);
}

/**
 * Asks Slack's own `auth.test` about the bot token: whose it is, and the scopes Slack says it
 * granted (the `x-oauth-scopes` header, which WebClient puts in response_metadata; null when absent).
 */
export async function checkSlackToken(credentials: SlackCredentials, timeoutMs = 10_000): Promise<TokenCheck> {
  const client = new WebClient(credentials.botToken, {
    slackApiUrl: credentials.apiUrl,
    timeout: timeoutMs,
    retryConfig: { retries: 0 },
    logLevel: LogLevel.ERROR,
  });
  let answer: unknown;
  try {
    answer = await client.auth.test();
  } catch (error) {
    return { ok: false, reason: slackReason(error), refused: true };
  }
  const parsed = AuthTest.safeParse(answer);
  if (!parsed.success) return { ok: false, reason: `auth.test answered without the team and bot user: ${parsed.error.issues[0]?.message}`, refused: false };
  const auth = parsed.data;
  return { ok: true, team: auth.team, teamId: auth.team_id, user: auth.user, userId: auth.user_id, scopes: auth.response_metadata?.scopes ?? null };
}
