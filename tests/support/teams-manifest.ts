// biome-ignore-all lint/suspicious/noExplicitAny: parsed JSON (a manifest, an invoke's answer) is navigated freely here; schema checks and assertions say its shape
import { readFileSync } from 'node:fs';
import draft04 from 'ajv-draft-04';
import ajvFormats from 'ajv-formats';

/**
 * Microsoft's manifest schema, compiled here independently of the packaging code, with the options of
 * Microsoft's own toolkit (@microsoft/app-manifest): draft-04, every error, the uri format checked.
 */
const schema = JSON.parse(readFileSync(new URL('../../manifests/teams/schema/MicrosoftTeams.schema.json', import.meta.url), 'utf8')) as {
  properties: { manifestVersion: { const: string } };
};
const ajv = new draft04.default({ allErrors: true, strictTypes: false });
ajvFormats.default(ajv, ['uri']);
const validate = ajv.compile(schema);

export const schemaManifestVersion = schema.properties.manifestVersion.const;

/** The schema's complaints about a manifest, as "<path> <message>" lines; empty when valid. */
export function teamsSchemaErrors(manifest: unknown): string[] {
  return validate(manifest) ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
}

export const manifestTemplate = (): Record<string, any> =>
  JSON.parse(readFileSync(new URL('../../manifests/teams/manifest.json', import.meta.url), 'utf8')) as Record<string, any>;

/** Sample settings: a real-looking GUID and an HTTPS address with a port, which the host keeps. */
export const sampleSettings = { teamsAppId: '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f', publicBaseUrl: 'https://status.example.com:8443' };
export const sampleHost = 'status.example.com:8443';
