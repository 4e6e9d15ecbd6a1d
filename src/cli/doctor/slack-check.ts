import { checkSlackToken } from '../../chat/slack/token-check.ts';
import type { SlackCredentials } from '../../config.ts';
import { type CheckLine, fail, pass, warn } from './check-line.ts';
import { maskSecret } from './mask.ts';

/** The bot token through Slack's own `auth.test`, and the scopes Slack says it granted against the manifest's. */
export async function checkSlack(credentials: SlackCredentials, manifestScopes: string[], timeoutMs = 10_000): Promise<CheckLine[]> {
  const token = maskSecret(credentials.botToken);
  const auth = await checkSlackToken(credentials, timeoutMs);
  if (!auth.ok) return [fail('slack', auth.refused ? `bot token ${token} refused by ${credentials.apiUrl}auth.test: ${auth.reason}` : auth.reason)];
  const lines = [pass('slack', `bot token ${token} valid: workspace "${auth.team}" (${auth.teamId}), bot @${auth.user} (${auth.userId})`)];
  const granted = auth.scopes;
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
