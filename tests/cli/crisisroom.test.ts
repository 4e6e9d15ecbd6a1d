import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { formatSize, progressReporter } from '../../src/cli/progress.ts';
import { root, runToEnd, startServer, workspace } from '../support/processes.ts';

const cli = 'src/main-cli.ts';
/** The children inherit this environment; an operator's PUBLIC_BASE_URL would answer the question tested. */
const baseUrlInherited = Boolean(process.env.PUBLIC_BASE_URL);

describe('the crisisroom command', () => {
  test('is the package bin, runnable by npx on the project node', () => {
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string> };
    expect(pkg.bin).toEqual({ crisisroom: cli });
    expect(readFileSync(join(root, cli), 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    expect(statSync(join(root, cli)).mode & 0o111).not.toBe(0);
  });

  test('--help lists export-site and exits 0', async () => {
    const run = await runToEnd([cli, '--help'], {});
    expect([run.code, run.stderr]).toEqual([0, '']);
    expect(run.stdout).toContain('export-site <dir>');
  });

  test.each([
    [[], 'no command given'],
    [['frob'], 'unknown command "frob"'],
    [['export-site'], 'export-site takes exactly one directory'],
    [['export-site', 'a', '--bogus'], "Unknown option '--bogus'"],
  ])('usage mistakes exit 2 with the usage: %j', async (args, message) => {
    const run = await runToEnd([cli, ...args], {});
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('Usage: crisisroom');
  });

  test.skipIf(baseUrlInherited)('export-site needs the public address', async () => {
    const { dir, env } = workspace();
    const missing = await runToEnd([cli, 'export-site', join(dir, 'site')], env);
    expect([missing.code, missing.stderr]).toEqual([
      1,
      'crisisroom: export-site needs the address the copy will be served from: set PUBLIC_BASE_URL or pass --base-url\n',
    ]);
  });

  test('export-site serves the copy from the root of a host only', async () => {
    const { dir, env } = workspace();
    const nested = await runToEnd([cli, 'export-site', join(dir, 'site'), '--base-url', 'https://example.com/status'], env);
    expect(nested.stderr).toBe('crisisroom: the copy must be served at the root of its host: use https://example.com, not https://example.com/status\n');
    expect(nested.code).toBe(1);
  });

  test('export-site refuses a data directory without a database instead of exporting an empty page', async () => {
    const { dir, env } = workspace();
    const run = await runToEnd([cli, 'export-site', join(dir, 'site'), '--base-url', 'https://status.example.com'], env);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe(
      `crisisroom: export-site failed: no database at ${join(dir, 'data', 'crisisroom.db')}: set CRISISROOM_DATA_DIR or DATABASE_URL as for the server\n`,
    );
    expect(existsSync(join(dir, 'data'))).toBe(false);
    expect(existsSync(join(dir, 'site'))).toBe(false);
  });
});

describe('progress output', () => {
  test('without a terminal: one line per 10 %, never a redrawn bar', () => {
    const lines: string[] = [];
    const stream = { isTTY: false, write: (line: string) => lines.push(line) } as unknown as NodeJS.WriteStream;
    const reporter = progressReporter(stream);
    for (let done = 1; done <= 25; done++) reporter.update({ done, total: 25, path: '/', file: 'index.html', contentType: 'text/html', bytes: 1 });
    reporter.stop();
    expect(lines).toHaveLength(10);
    expect(lines[0]).toBe('export-site: 10% (3/25 files)\n');
    expect(lines.at(-1)).toBe('export-site: 100% (25/25 files)\n');
  });

  test('sizes in decimal units', () => {
    expect([532, 48_300, 1_234_567].map(formatSize)).toEqual(['532 B', '48.3 kB', '1.2 MB']);
  });
});

describe('export-site from the database of a crisisroom that published an incident', () => {
  test('exports the published incident with the public address; progress as plain lines', async () => {
    const { dir, env } = workspace();
    const server = await startServer(env);
    try {
      const run = await runToEnd(
        ['src/main-console.ts', '--as', 'alice'],
        env,
        [
          '/incident declare Payments <failing> & slow --sev 2 --components "CRM"',
          '/incident public investigating We see errors & timeouts.',
          '/incident approve',
        ].join('\n'),
      );
      expect(run.stdout).toContain('published to the status page');
    } finally {
      await server.stop();
    }
    const out = join(dir, 'site');
    const run = await runToEnd([cli, 'export-site', out, '--base-url', 'https://status.example.com/'], env);
    expect(run.stderr).toContain('export-site: 100% (');
    expect([run.code, run.stdout]).toEqual([0, expect.stringMatching(new RegExp(`^exported \\d+ files \\(\\d+(\\.\\d)? [kM]?B\\) to ${out}\\n$`))]);
    const summary = JSON.parse(readFileSync(join(out, 'api/v2/summary.json'), 'utf8')) as { page: { url: string }; incidents: { id: string; name: string }[] };
    expect(summary.page.url).toBe('https://status.example.com');
    expect(summary.incidents.map((incident) => [incident.id, incident.name])).toEqual([['INC-1', 'Payments <failing> & slow']]);
    expect(readFileSync(join(out, 'incidents/INC-1/index.html'), 'utf8')).toContain('Payments &lt;failing&gt; &amp; slow');
    expect(readFileSync(join(out, 'history.atom'), 'utf8')).toContain('<link href="https://status.example.com/incidents/INC-1"/>');
  });
});
