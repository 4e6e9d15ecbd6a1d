import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { z } from 'zod';

/** The checked-in app manifest operators create the Slack app from. */
const slackManifestPath = fileURLToPath(new URL('../../../manifests/slack/manifest.yml', import.meta.url));

const Manifest = z.object({ oauth_config: z.object({ scopes: z.object({ bot: z.array(z.string().min(1)).min(1) }) }) });

/** The bot scopes the manifest asks for: what an installed app should have been granted. */
export async function manifestBotScopes(path = slackManifestPath): Promise<string[]> {
  const parsed = Manifest.safeParse(parse(await readFile(path, 'utf8')));
  if (!parsed.success) throw new Error(`${path}: oauth_config.scopes.bot: ${parsed.error.issues[0]?.message}`);
  return parsed.data.oauth_config.scopes.bot;
}
