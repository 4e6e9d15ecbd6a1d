// The scopes the fake's token was granted. Real Slack names them in an `x-oauth-scopes` header on
// every Web API answer (WebClient copies it to response_metadata.scopes).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { root } from '../../support/processes.ts';

/** The bot scopes of the checked-in manifest: what an app installed from it is granted. */
export const manifestScopes: string[] = (
  parse(readFileSync(join(root, 'manifests/slack/manifest.yml'), 'utf8')) as { oauth_config: { scopes: { bot: string[] } } }
).oauth_config.scopes.bot;

export const scopesHeader = (scopes: string[] = manifestScopes): Record<string, string> => ({ 'x-oauth-scopes': scopes.join(',') });
