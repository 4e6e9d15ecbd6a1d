import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { FileConfig, loadConfig } from '../src/config.ts';
import { root } from './support/processes.ts';

const dir = mkdtempSync(join(tmpdir(), 'crisisroom-config-'));
function withFile(yaml: string) {
  const path = join(dir, `${Math.random().toString(36).slice(2)}.yaml`);
  writeFileSync(path, yaml);
  return () => loadConfig({ CRISISROOM_CONFIG: path });
}

describe('configuration', () => {
  test('with nothing set: page "Status", UTC, English, no components, SQLite in ./data', () => {
    const config = loadConfig({});
    expect(config.statusPage).toEqual({ name: 'Status', timeZone: 'UTC', languages: ['en'] });
    expect(config.components).toEqual([]);
    expect(config.approval).toEqual({ fourEyes: false, approvers: [] });
    expect([config.host, config.port, config.publicBaseUrl]).toEqual(['127.0.0.1', 3000, null]);
    expect(config.databaseUrl).toBe(`file:${join(process.cwd(), 'data')}/crisisroom.db`);
    expect(config.chatPlatformsConfigured).toBe(false);
  });

  test('the documented example file is valid and means what it says', () => {
    const config = loadConfig({ CRISISROOM_CONFIG: join(root, 'crisisroom.example.yaml') });
    expect(config.statusPage).toEqual({ name: 'Take Blip Status', timeZone: 'America/Sao_Paulo', languages: ['en', 'pt-BR'] });
    expect(config.components[0]!.items).toContain('Artificial Intelligence');
    expect(config.followUps).toEqual({ remindAt: '09:00', timeZone: 'America/Sao_Paulo' });
    expect(config.roles).toEqual([{ name: 'liaison', title: 'customer liaison', description: 'talks to the largest customers', mayApprove: false }]);
    expect(config.cadence).toEqual({ sev1: 30, sev2: 60, sev3: 120, sev4: null, dueSoonMinutes: 10, idleMinutes: 60, showOnPage: true });
  });

  test('follow-up reminders: at 09:00 by default, off with null, a time of day and a zone refused by name otherwise', () => {
    expect(FileConfig.parse({}).followUps).toEqual({ remindAt: '09:00' });
    expect(FileConfig.parse({ followUps: { remindAt: null } }).followUps.remindAt).toBeNull();
    const refused = (followUps: unknown) => FileConfig.safeParse({ followUps }).error?.issues.map((issue) => issue.message);
    expect(refused({ remindAt: '9am' })).toEqual(['followUps.remindAt is a time of day, 00:00 to 23:59, e.g. "09:00"']);
    expect(refused({ remindAt: '24:00' })).toEqual(['followUps.remindAt is a time of day, 00:00 to 23:59, e.g. "09:00"']);
    expect(refused({ timeZone: 'Mars/Olympus' })).toEqual(['"Mars/Olympus" is not an IANA time zone (e.g. America/Sao_Paulo)']);
  });

  test('environment values are read once and validated', () => {
    const config = loadConfig({
      PORT: '8080',
      HOST: '0.0.0.0',
      DATABASE_URL: 'postgresql://u@db/crisisroom',
      PUBLIC_BASE_URL: 'https://status.example.com/',
      SLACK_BOT_TOKEN: 'xoxb-1',
      SLACK_SIGNING_SECRET: 's3cret',
    });
    expect([config.port, config.databaseUrl, config.publicBaseUrl, config.chatPlatformsConfigured]).toEqual([
      8080,
      'postgresql://u@db/crisisroom',
      'https://status.example.com',
      true,
    ]);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('environment: PORT: must be a port number from 0 to 65535');
    expect(() => loadConfig({ DATABASE_URL: 'mysql://x' })).toThrow('environment: DATABASE_URL: must start with file: or postgresql://');
    expect(() => loadConfig({ PUBLIC_BASE_URL: 'ftp://x' })).toThrow(/environment: PUBLIC_BASE_URL/);
  });

  test('webhooks reach only public addresses unless the test-only loopback setting is on', () => {
    expect(loadConfig({}).webhooks).toEqual({ allowLoopback: false, timeoutMs: 10_000 });
    expect(loadConfig({ CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK: 'true', CRISISROOM_WEBHOOKS_TIMEOUT_MS: '2500' }).webhooks).toEqual({
      allowLoopback: true,
      timeoutMs: 2500,
    });
    expect(() => loadConfig({ CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK: 'yes' })).toThrow('environment: CRISISROOM_WEBHOOKS_ALLOW_LOOPBACK: must be true or false');
    expect(() => loadConfig({ CRISISROOM_WEBHOOKS_TIMEOUT_MS: 'soon' })).toThrow(
      'environment: CRISISROOM_WEBHOOKS_TIMEOUT_MS: must be a number of milliseconds',
    );
  });

  test.each([
    ['statusPage:\n  timeZone: Mars/Olympus_Mons\n', 'statusPage.timeZone: "Mars/Olympus_Mons" is not an IANA time zone'],
    ['statusPage:\n  languages: [fr]\n', 'statusPage.languages.0:'],
    ['statusPage:\n  nmae: Typo\n', 'unknown key statusPage.nmae'],
    ['components:\n  - group: A\n    items: [CRM, crm]\n', 'components: component "crm" is listed twice'],
    ['components:\n  - group: A\n', 'components.0.items:'],
    ['approval:\n  fourEyes: "yes"\n', 'approval.fourEyes:'],
    ['approval:\n  approvers: [carol]\n', 'approval.approvers.0: approvers are written "<platform>:<id>"'],
    ['statusPage: [\n', 'is not valid YAML'],
  ])('an invalid file stops start-up naming the key: %j', (yaml, message) => {
    expect(withFile(yaml)).toThrow(message);
  });
});
