import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { describe, expect, test } from 'vitest';
import { root } from '../../support/processes.ts';

interface Manifest {
  features: {
    slash_commands: { command: string; url: string; should_escape?: boolean }[];
    shortcuts: { type: string; callback_id: string }[];
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: { interactivity: { is_enabled: boolean; request_url: string }; socket_mode_enabled: boolean };
}

const manifest = parse(readFileSync(join(root, 'manifests/slack/manifest.yml'), 'utf8')) as Manifest;
const sources = readdirSync(join(root, 'src'), { recursive: true, encoding: 'utf8' })
  .filter((path) => path.endsWith('.ts'))
  .map((path) => readFileSync(join(root, 'src', path), 'utf8'))
  .join('\n');

/** The bot scope each Web API method needs (Slack's method reference); methods needing none map to null. */
const scopeOf: Record<string, string[] | null> = {
  'auth.test': null,
  'views.open': null,
  'chat.getPermalink': null,
  'chat.postMessage': ['chat:write'],
  'chat.update': ['chat:write'],
  'conversations.create': ['channels:manage'],
  'conversations.invite': ['channels:manage'],
  'conversations.setTopic': ['channels:manage'],
  'conversations.setPurpose': ['channels:manage'],
  'conversations.info': ['channels:read', 'groups:read'],
  'conversations.list': ['channels:read', 'groups:read'],
  'conversations.history': ['channels:history', 'groups:history'],
  'conversations.replies': ['channels:history', 'groups:history'],
  'pins.add': ['pins:write'],
  'users.info': ['users:read'],
};

describe('the Slack app manifest', () => {
  test('declares the command, shortcut and interactivity the code listens for, all at /slack/events', () => {
    expect(manifest.features.slash_commands.map((c) => [c.command, c.should_escape])).toEqual([['/incident', true]]);
    expect(sources).toContain("app.command('/incident'");
    expect(manifest.features.shortcuts).toEqual([
      expect.objectContaining({ type: 'message', callback_id: 'add_to_timeline' }),
      expect.objectContaining({ type: 'message', callback_id: 'add_key_moment' }),
    ]);
    for (const { callback_id } of manifest.features.shortcuts) expect(sources).toContain(`['${callback_id}', `);
    expect(manifest.settings.interactivity.is_enabled).toBe(true);
    const urls = [...manifest.features.slash_commands.map((c) => c.url), manifest.settings.interactivity.request_url];
    expect(urls.every((url) => url.endsWith('/slack/events'))).toBe(true);
  });

  test('every Web API method the code calls is covered by a requested scope, and no scope is unused', () => {
    const called = [...new Set([...sources.matchAll(/client\.([a-z]+)\.([a-zA-Z]+)\(/g)].map((m) => `${m[1]}.${m[2]}`))].sort();
    expect(called.filter((method) => !(method in scopeOf))).toEqual([]);
    const needed = new Set(called.flatMap((method) => scopeOf[method] ?? []));
    needed.add('commands');
    expect([...manifest.oauth_config.scopes.bot].sort()).toEqual([...needed].sort());
  });
});
