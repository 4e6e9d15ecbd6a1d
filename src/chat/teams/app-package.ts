/**
 * The Teams app package: manifests/teams/manifest.json with its placeholders filled, checked against
 * Microsoft's manifest schema (kept in manifests/teams/schema), zipped with the two icons at the root,
 * the layout Teams and the Developer Portal accept for upload.
 */
import { readFileSync } from 'node:fs';
import draft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';
import type { ValidateFunction } from 'ajv';
import { zipSync } from 'fflate';
import { z } from 'zod';
import { errorMessage } from '../../domain/errors.ts';

const teamsManifestDir = new URL('../../../manifests/teams/', import.meta.url);

export class TeamsPackageError extends Error {
  override name = 'TeamsPackageError';
}

export const TeamsPackageSettings = z.object({
  teamsAppId: z.guid({ error: 'TEAMS_APP_ID must be a GUID: the Microsoft Entra application (client) id of the bot' }),
  publicBaseUrl: z.url({
    protocol: /^https$/,
    error: 'PUBLIC_BASE_URL must be an https:// address: Teams reaches bots and links only over HTTPS',
  }),
});
export type TeamsPackageSettings = z.infer<typeof TeamsPackageSettings>;

/** The values of the manifest's ${NAME} placeholders. */
export function placeholderValues(settings: TeamsPackageSettings): Record<string, string> {
  const parsed = TeamsPackageSettings.safeParse(settings);
  if (!parsed.success) throw new TeamsPackageError(parsed.error.issues.map((issue) => issue.message).join('; '));
  return { TEAMS_APP_ID: parsed.data.teamsAppId, PUBLIC_HOST: new URL(parsed.data.publicBaseUrl).host };
}

/** Every string in the template with its placeholders replaced; a placeholder without a value is refused. */
export function fillPlaceholders(template: unknown, values: Record<string, string>): unknown {
  if (typeof template === 'string') {
    return template.replace(/\$\{([A-Za-z0-9_]*)\}/g, (_, name: string) => {
      const value = values[name];
      if (value === undefined)
        throw new TeamsPackageError(`the manifest has a placeholder \${${name}} that nothing fills (known: ${Object.keys(values).join(', ')})`);
      return value;
    });
  }
  if (Array.isArray(template)) return template.map((item) => fillPlaceholders(item, values));
  if (template !== null && typeof template === 'object') {
    return Object.fromEntries(Object.entries(template).map(([key, value]) => [key, fillPlaceholders(value, values)]));
  }
  return template;
}

let compiled: ValidateFunction | undefined;

/** Microsoft's own toolkit reads this draft-04 schema the same way: ajv-draft-04, every error, loose types. */
function manifestSchema(): ValidateFunction {
  if (!compiled) {
    const schema = JSON.parse(readFileSync(new URL('schema/MicrosoftTeams.schema.json', teamsManifestDir), 'utf8')) as object;
    const ajv = new draft04.default({ allErrors: true, strictTypes: false });
    ajvFormats.default(ajv, ['uri']);
    compiled = ajv.compile(schema);
  }
  return compiled;
}

/** What is wrong with a manifest against the schema, one line per problem; empty when it is valid. */
function manifestProblems(manifest: unknown): string[] {
  const validate = manifestSchema();
  if (validate(manifest)) return [];
  return (validate.errors ?? []).map((error) => {
    const extra = error.keyword === 'additionalProperties' ? ` (${String((error.params as { additionalProperty?: unknown }).additionalProperty)})` : '';
    return `${error.instancePath || '/'}: ${error.message ?? error.keyword}${extra}`;
  });
}

export interface TeamsPackage {
  manifest: Record<string, unknown>;
  zip: Uint8Array;
}

/**
 * Zip entries carry this fixed time instead of the build's, so the same manifest, icons and settings
 * always give the same bytes, and a package that did not change can be told apart from one that did.
 */
const entryTime = '1980-01-02T00:00:00Z';

export function buildTeamsPackage(settings: TeamsPackageSettings, dir: URL = teamsManifestDir): TeamsPackage {
  const values = placeholderValues(settings);
  let template: unknown;
  try {
    template = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));
  } catch (error) {
    throw new TeamsPackageError(`cannot read the manifest template ${new URL('manifest.json', dir).pathname}: ${errorMessage(error)}`);
  }
  const manifest = fillPlaceholders(template, values) as Record<string, unknown>;
  const problems = manifestProblems(manifest);
  if (problems.length > 0)
    throw new TeamsPackageError(`the manifest does not match Microsoft's schema v${String(manifest.manifestVersion)}:\n  ${problems.join('\n  ')}`);
  const entries: Record<string, Uint8Array> = { 'manifest.json': new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`) };
  const icons = manifest.icons as { color: string; outline: string };
  for (const name of [icons.color, icons.outline]) {
    try {
      entries[name] = readFileSync(new URL(name, dir));
    } catch (error) {
      throw new TeamsPackageError(`cannot read the icon ${name} the manifest names: ${errorMessage(error)}`);
    }
  }
  return { manifest, zip: zipSync(entries, { mtime: entryTime }) };
}
