// biome-ignore-all lint/suspicious/noExplicitAny: parsed JSON (a manifest, an invoke's answer) is navigated freely here; schema checks and assertions say its shape
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: `${…}` here is literal text: the placeholders and template strings under test
import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { describe, expect, test } from 'vitest';
import { verbs } from '../../../src/chat/grammar/commands.ts';
import { timelineCommandId } from '../../../src/chat/teams/listeners/timeline-action.ts';
import { graphPermissions } from '../../../src/chat/teams/graph.ts';
import { TeamsPackageError, buildTeamsPackage, fillPlaceholders, placeholderValues } from '../../../src/chat/teams/app-package.ts';
import { manifestTemplate, sampleHost, sampleSettings, schemaManifestVersion, teamsSchemaErrors } from '../../support/teams-manifest.ts';

const filled = () => fillPlaceholders(manifestTemplate(), placeholderValues(sampleSettings)) as Record<string, any>;
const bot = () => manifestTemplate().bots[0];
const commandList = (scope: string) => bot().commandLists.find((list: { scopes: string[] }) => list.scopes.includes(scope));
const icon = (name: string) => PNG.sync.read(readFileSync(new URL(`../../../manifests/teams/${name}`, import.meta.url)));

/**
 * The verbs on no menu: Teams allows 12 commands in a menu and the grammar has more. These are typed
 * with a number a menu cannot offer (a timeline entry, a second incident); help lists them with the rest.
 */
const typedOnly = ['key', 'unkey', 'unrelate', 'followup', 'role', 'snooze'];

describe('Teams app manifest', () => {
  test('with its placeholders filled it matches Microsoft schema of the version it declares', () => {
    const manifest = filled();
    expect(manifest.manifestVersion).toBe(schemaManifestVersion);
    expect(manifest.$schema).toBe(`https://developer.microsoft.com/json-schemas/teams/v${schemaManifestVersion}/MicrosoftTeams.schema.json`);
    expect(teamsSchemaErrors(manifest)).toEqual([]);
    expect(JSON.stringify(manifest)).not.toContain('${');
  });

  test('the schema check has teeth: Microsoft limits a command list to 12 commands and refuses unknown keys', () => {
    const manifest = filled();
    manifest.bots[0].commandLists[0].commands = verbs.map((verb) => ({ title: verb, description: verb }));
    manifest.bots[0].supportsFile = false;
    const errors = teamsSchemaErrors(manifest).join('\n');
    expect(errors).toMatch(/\/bots\/0\/commandLists\/0\/commands must NOT have more than 12 items/);
    expect(errors).toMatch(/\/bots\/0 must NOT have additional properties .*supportsFile"/);
  });

  test('the placeholders name the app, the bot and the domain', () => {
    const manifest = filled();
    expect(manifest.id).toBe(sampleSettings.teamsAppId);
    expect(manifest.bots[0].botId).toBe(sampleSettings.teamsAppId);
    expect(manifest.webApplicationInfo.id).toBe(sampleSettings.teamsAppId);
    expect(manifest.validDomains).toEqual([sampleHost]);
    expect(manifest.developer.websiteUrl).toBe(`https://${sampleHost}/`);
  });

  test('its version is the package version, so every release is a version Teams accepts as an update', () => {
    const packageJson = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(manifestTemplate().version).toBe(packageJson.version);
  });

  test('one bot, in personal chat, teams and group chats, without files', () => {
    expect(manifestTemplate().bots).toHaveLength(1);
    expect(bot().scopes.toSorted()).toEqual(['groupChat', 'personal', 'team']);
    expect(bot().supportsFiles).toBe(false);
  });

  test('one message action, "Add to incident timeline", served by the bot, whose id the bot answers to', () => {
    const manifest = filled();
    expect(manifest.composeExtensions).toEqual([
      {
        botId: sampleSettings.teamsAppId,
        commands: [
          expect.objectContaining({ id: timelineCommandId, type: 'action', context: ['message'], title: 'Add to incident timeline', fetchTask: true }),
        ],
      },
    ]);
  });

  test('asks for exactly the resource-specific permissions the Graph calls need, all granted to the app itself', () => {
    const asked: { name: string; type: string }[] = manifestTemplate().authorization.permissions.resourceSpecific;
    expect(asked.map((p) => p.type)).toEqual(asked.map(() => 'Application'));
    expect(asked.map((p) => p.name).toSorted()).toEqual([...new Set(Object.values(graphPermissions))].toSorted());
    expect(asked.map((p) => p.name)).toContain('ChannelMember.ReadWrite.Group');
  });

  test('declares the channel features it supports, which Teams requires of a 1.25 app in the team scope', () => {
    expect(Number(manifestTemplate().manifestVersion)).toBeGreaterThanOrEqual(1.25);
    expect(bot().scopes).toContain('team');
    // Microsoft's schema does not require it; Teams refuses to install such an app without it.
    expect(manifestTemplate().supportsChannelFeatures).toBe('tier1');
  });

  describe.each(['team', 'personal', 'groupChat'])('the %s command menu', (scope) => {
    test('exists, once', () => {
      expect(bot().commandLists.filter((list: { scopes: string[] }) => list.scopes.includes(scope))).toHaveLength(1);
    });

    test('lists only verbs of the grammar, each once, with short descriptions', () => {
      const commands: { title: string; description: string }[] = commandList(scope).commands;
      const titles = commands.map((command) => command.title);
      expect(titles.filter((title) => !(verbs as readonly string[]).includes(title))).toEqual([]);
      expect(new Set(titles).size).toBe(titles.length);
      for (const command of commands) {
        expect(command.title.length, command.title).toBeLessThanOrEqual(32);
        expect(command.description.length, command.title).toBeLessThanOrEqual(128);
        expect(command.description.startsWith(command.title), command.title).toBe(true);
      }
    });

    test('its help entry says help lists every verb, those the menu leaves out included', () => {
      const help = commandList(scope).commands.find((command: { title: string }) => command.title === 'help');
      expect(help.description).toMatch(/^help \[verb\]: every verb with its usage, those this menu leaves out included$/);
    });
  });

  test('between them the menus list the grammar but what is typed with a number: incident work in channels, looking up and administering in personal chat', () => {
    const titles = (scope: string) => commandList(scope).commands.map((command: { title: string }) => command.title) as string[];
    expect([...new Set([...titles('team'), ...titles('personal'), ...typedOnly])].toSorted()).toEqual([...verbs].toSorted());
    expect(typedOnly.filter((verb) => titles('team').includes(verb) || titles('personal').includes(verb))).toEqual([]);
    expect(titles('team')).toEqual(expect.arrayContaining(['declare', 'note', 'status', 'public', 'approve', 'resolve', 'channel']));
    expect(titles('personal')).toEqual(expect.arrayContaining(['declare', 'list', 'summary', 'timeline', 'maintenance', 'webhook']));
    expect(commandList('groupChat')).toEqual(commandList('team'));
  });

  test('icons: color.png 192×192, outline.png 32×32 white on transparent', () => {
    const color = icon('color.png');
    expect([color.width, color.height]).toEqual([192, 192]);
    const outline = icon('outline.png');
    expect([outline.width, outline.height]).toEqual([32, 32]);
    const notWhite: string[] = [];
    let visible = 0;
    let transparent = 0;
    for (let at = 0; at < outline.data.length; at += 4) {
      const [r, g, b, a] = outline.data.subarray(at, at + 4);
      if (a === 0) transparent++;
      else if (r !== 255 || g !== 255 || b !== 255) notWhite.push(`pixel ${at / 4}: rgba(${r}, ${g}, ${b}, ${a})`);
      else visible++;
    }
    expect(notWhite).toEqual([]);
    expect(visible).toBeGreaterThan(100);
    expect(transparent).toBeGreaterThan(100);
  });
});

describe('Teams package', () => {
  test('TEAMS_APP_ID must be a GUID', () => {
    expect(() => placeholderValues({ ...sampleSettings, teamsAppId: 'crisisroom-bot' })).toThrow(/TEAMS_APP_ID must be a GUID/);
  });

  test('PUBLIC_BASE_URL must be https', () => {
    expect(() => placeholderValues({ ...sampleSettings, publicBaseUrl: 'http://status.example.com' })).toThrow(/PUBLIC_BASE_URL must be an https:\/\/ address/);
  });

  test('a placeholder nothing fills is refused by name', () => {
    expect(() => fillPlaceholders({ a: ['x ${TEAMS_TENANT}'] }, placeholderValues(sampleSettings))).toThrow(TeamsPackageError);
    expect(() => fillPlaceholders({ a: ['x ${TEAMS_TENANT}'] }, placeholderValues(sampleSettings))).toThrow(/\$\{TEAMS_TENANT\}/);
  });

  test('a manifest Microsoft schema refuses is not packaged, and the reason names the place', () => {
    const dir = mkdtempSync(join(tmpdir(), 'crisisroom-teams-manifest-'));
    const manifest = manifestTemplate();
    manifest.bots[0].commandLists[0].commands = verbs.map((verb) => ({ title: verb, description: verb }));
    writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
    for (const name of ['color.png', 'outline.png']) copyFileSync(new URL(`../../../manifests/teams/${name}`, import.meta.url), join(dir, name));
    expect(() => buildTeamsPackage(sampleSettings, pathToFileURL(`${dir}/`))).toThrow(
      /does not match Microsoft's schema v1\.25:\n {2}\/bots\/0\/commandLists\/0\/commands: must NOT have more than 12 items/,
    );
  });

  test('the same settings give the same package, byte for byte', () => {
    expect(Buffer.from(buildTeamsPackage(sampleSettings).zip).equals(Buffer.from(buildTeamsPackage(sampleSettings).zip))).toBe(true);
  });
});
