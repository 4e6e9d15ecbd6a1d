// biome-ignore-all lint/suspicious/noExplicitAny: parsed JSON (a manifest, an invoke's answer) is navigated freely here; schema checks and assertions say its shape
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, test } from 'vitest';
import { runToEnd, workspace } from '../support/processes.ts';
import { sampleHost, sampleSettings, teamsSchemaErrors } from '../support/teams-manifest.ts';

/** `npm run teams:package` runs this: the real command, in its own process, with the server's environment. */
const teamsPackage = (env: Record<string, string>, ...args: string[]) => runToEnd(['src/main-cli.ts', 'teams-package', ...args], env);

const teamsEnv = {
  TEAMS_APP_ID: sampleSettings.teamsAppId,
  TEAMS_APP_PASSWORD: 'teams-client-secret-for-packaging-ZZ99',
  TEAMS_TENANT_ID: '0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e',
  PUBLIC_BASE_URL: sampleSettings.publicBaseUrl,
};

/** The children inherit this environment; an operator's own Teams settings would answer the questions tested. */
const inherited = ['TEAMS_APP_ID', 'TEAMS_APP_PASSWORD', 'TEAMS_TENANT_ID', 'PUBLIC_BASE_URL'].filter((name) => process.env[name]);
if (inherited.length > 0) console.warn(`SKIPPED: the teams-package tests of missing settings (${inherited.join(', ')} set in this environment)`);

const committed = (name: string) => readFileSync(new URL(`../../manifests/teams/${name}`, import.meta.url));

describe('crisisroom teams-package', () => {
  test('writes the app package: manifest.json and both icons at the root, the manifest filled and valid', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'crisisroom-teams-')), 'nested', 'app.zip');
    const run = await teamsPackage({ ...workspace().env, ...teamsEnv }, '--out', out);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`wrote ${out}`);
    expect(run.stdout).not.toContain(teamsEnv.TEAMS_APP_PASSWORD);

    const entries = unzipSync(readFileSync(out));
    expect(Object.keys(entries).toSorted()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(Buffer.from(entries['color.png']!).equals(committed('color.png'))).toBe(true);
    expect(Buffer.from(entries['outline.png']!).equals(committed('outline.png'))).toBe(true);

    const text = new TextDecoder().decode(entries['manifest.json']);
    expect(text).not.toContain('${');
    const manifest = JSON.parse(text) as Record<string, any>;
    expect(teamsSchemaErrors(manifest)).toEqual([]);
    expect([manifest.id, manifest.bots[0].botId, manifest.webApplicationInfo.id]).toEqual([
      teamsEnv.TEAMS_APP_ID,
      teamsEnv.TEAMS_APP_ID,
      teamsEnv.TEAMS_APP_ID,
    ]);
    expect(manifest.validDomains).toEqual([sampleHost]);

    // Teams reads the package with another zip implementation than the one that wrote it.
    if (existsSync('/usr/bin/unzip')) {
      const check = spawnSync('/usr/bin/unzip', ['-t', out], { encoding: 'utf8' });
      expect(check.stdout).toContain('No errors detected');
    } else {
      console.warn('SKIPPED: checking the package with Info-ZIP (no /usr/bin/unzip; apt-get install unzip)');
    }
  });

  test.skipIf(inherited.length > 0)('without TEAMS_APP_ID it refuses, saying what the id is', async () => {
    const { TEAMS_APP_ID: _, TEAMS_APP_PASSWORD: __, TEAMS_TENANT_ID: ___, ...rest } = teamsEnv;
    const run = await teamsPackage({ ...workspace().env, ...rest });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^crisisroom: teams-package needs TEAMS_APP_ID: the Microsoft Entra application \(client\) id/);
  });

  test('a TEAMS_APP_ID that is not a GUID is refused before anything is written', async () => {
    const run = await teamsPackage({ ...workspace().env, ...teamsEnv, TEAMS_APP_ID: 'crisisroom-bot' });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/TEAMS_APP_ID: .*GUID/);
    expect(run.stdout).toBe('');
  });

  test.skipIf(inherited.length > 0)('without PUBLIC_BASE_URL it refuses, saying what the address is for', async () => {
    const { PUBLIC_BASE_URL: _, ...rest } = teamsEnv;
    const missing = await teamsPackage({ ...workspace().env, ...rest });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/teams-package needs PUBLIC_BASE_URL: the https:\/\/ address .*\/api\/messages/);
  });

  test('PUBLIC_BASE_URL must be https: Teams reaches bots only over HTTPS', async () => {
    const plain = await teamsPackage({ ...workspace().env, ...teamsEnv, PUBLIC_BASE_URL: 'http://status.example.com' });
    expect(plain.code).toBe(1);
    expect(plain.stderr).toMatch(/PUBLIC_BASE_URL must be an https:\/\/ address/);
  });
});
