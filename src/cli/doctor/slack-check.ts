import { ErrorCode, LogLevel, WebClient } from '@slack/web-api';
import { z } from 'zod';
import type { SlackCredentials } from '../../config.ts';
import { type CheckLine, fail, pass, reasonOf, warn } from './check-line.ts';
import { maskSecret } from './mask.ts';

const AuthTest = z.object({
  team: z.string(),
  team_id: z.string(),
  user: z.string(),
  user_id: z.string(),
  response_metadata: z.object({ scopes: z.array(z.string()).optional() }).optional(),
});

/** Slack's error code ("invalid_auth", "account_inactive"…) or what kept the request from Slack. */
function slackReason(error: unknown): string {
  const { code, data, original } = error as { code?: string; data?: { error?: string }; original?: unknown };
  if (code === ErrorCode.PlatformError && data?.error) return data.error;
  if (code === ErrorCode.RequestError) return reasonOf(original ?? error);
  return reasonOf(error);
}

/**
 * The bot token through Slack's own `auth.test`, and the scopes Slack says it granted (the
 * `x-oauth-scopes` header, which WebClient puts in response_metadata) against the manifest's.
 */
export async function checkSlack(credentials: SlackCredentials, manifestScopes: string[], timeoutMs = 10_000): Promise<CheckLine[]> {
  const token = maskSecret(credentials.botToken);
  const client = new WebClient(credentials.botToken, { slackApiUrl: credentials.apiUrl, timeout: timeoutMs, retryConfig: { retries: 0 }, logLevel: LogLevel.ERROR });
  let answer: unknown;
  try {
    answer = await client.auth.test();
  } catch (error) {
    return [fail('slack', `bot token ${token} refused by ${credentials.apiUrl}auth.test: ${slackReason(error)}`)];
  }
  const parsed = AuthTest.safeParse(answer);
  if (!parsed.success) return [fail('slack', `auth.test answered without the team and bot user: ${parsed.error.issues[0]?.message}`)];
  const auth = parsed.data;
  const lines = [pass('slack', `bot token ${token} valid: workspace "${auth.team}" (${auth.team_id}), bot @${auth.user} (${auth.user_id})`)];
  const granted = auth.response_metadata?.scopes;
  if (!granted) return [...lines, warn('slack', 'Slack did not say which scopes the token has (no x-oauth-scopes header)')];
  const missing = manifestScopes.filter((scope) => !granted.includes(scope));
  const extra = granted.filter((scope) => !manifestScopes.includes(scope));
  if (missing.length > 0) {
    lines.push(fail('slack', `missing scopes: ${missing.join(', ')} (add them from manifests/slack/manifest.yml and reinstall the app)`));
  } else {
    lines.push(pass('slack', `all ${manifestScopes.length} scopes of manifests/slack/manifest.yml granted`));
  }
  if (extra.length > 0) lines.push(warn('slack', `scopes beyond the manifest's, not needed: ${extra.join(', ')}`));
  return lines;
}
