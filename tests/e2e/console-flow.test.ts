import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { type Running, eventually, runToEnd, startServer, workspace } from '../support/processes.ts';

interface Summary {
  page: { name: string; time_zone: string };
  status: { indicator: string; description: string };
  components: { name: string; status: string }[];
  incidents: { id: string; status: string }[];
}

describe('the whole flow through a piped console, against a running crisisroom', () => {
  const { dir, env } = workspace();
  let server: Running;
  const consoleAs = (user: string, script: string) => runToEnd(['src/main-console.ts', '--as', user], env, script);
  const json = async <T>(path: string) => (await (await fetch(`${server.url}${path}`)).json()) as T;

  beforeAll(async () => {
    server = await startServer(env);
  });
  afterAll(async () => {
    await server?.stop();
  });

  test('declare, note, draft by one user, approve by the commander: published within 2 seconds', async () => {
    const run = await consoleAs(
      'alice',
      [
        '/incident declare Degraded performance on the BLiP --sev 2 --components "CRM, Core"',
        '/incident components CRM=major_outage',
        '/as bob',
        '/incident note cache service disconnected',
        '/incident public investigating We are suffering a degradation in the performance of the BLiP platform.',
        '/incident approve',
        '/as alice',
        '/incident approve',
      ].join('\n'),
    );
    expect(run.code).toBe(0);
    const replies = run.stdout;
    expect(replies).toContain('Declared INC-1: Degraded performance on the BLiP (SEV2, investigating). alice is the commander.');
    expect(replies).toContain('You are now bob.');
    expect(replies).toContain('Drafted D1 for INC-1 (investigating)');
    expect(replies).toContain('Only the commander of INC-1 (alice) can approve D1.');
    expect(replies).toContain('Approved INC-1 D1: published to the status page.');
    const took = await eventually(async () => {
      const summary = await json<Summary>('/api/v2/summary.json');
      expect(summary.incidents.map((i) => [i.id, i.status])).toEqual([['INC-1', 'investigating']]);
      expect(summary.status.indicator).toBe('critical');
      expect(summary.components.find((c) => c.name === 'CRM')!.status).toBe('major_outage');
    }, 2000);
    expect(took).toBeLessThan(2000);
    const home = (await (await fetch(server.url)).text()).replace(/<[^>]+>/g, '');
    expect(home).toContain('Degraded performance on the BLiP');
    expect(home).toMatch(/Posted \w{3} \d{1,2}, \d{4} - \d{2}:\d{2} GMT-03:00/);
  });

  test('wrong commands, unknown incidents and approving twice each get a specific answer', async () => {
    const run = await consoleAs(
      'alice',
      ['/incident fix everything', '/incident sev 7', '/incident note INC-42 hello', '/incident approve D1', '/incident status sleeping'].join('\n'),
    );
    const answers = run.stdout;
    expect(answers).toContain('Unknown verb "fix"');
    expect(answers).toMatch(/Severity must be a whole number from 1 to 4 \(got "7"\)\.\nUsage: \/incident sev/);
    expect(answers).toContain('INC-42 does not exist.');
    expect(answers).toMatch(/D1 was already approved by alice at \d{4}-\d{2}-\d{2} \d{2}:\d{2} GMT-03:00; nothing changed\./);
    expect(answers).toMatch(/Unknown status "sleeping"/);
  });

  test('resolve and approve: the incident leaves summary.json, stays in incidents.json, shows as resolved on /', async () => {
    const run = await consoleAs(
      'alice',
      ['/incident resolve The Blip Portal and Blip Desk are working again.', '/incident approve', '/incident timeline INC-1'].join('\n'),
    );
    expect(run.stdout).toContain('INC-1 is resolved internally.');
    expect(run.stdout).toContain('Approved INC-1 D2: published to the status page.');
    await eventually(async () => {
      const summary = await json<Summary>('/api/v2/summary.json');
      expect(summary.incidents).toEqual([]);
      expect(summary.status.indicator).toBe('none');
    }, 2000);
    const incidents = await json<{ incidents: { id: string; status: string; incident_updates: unknown[] }[] }>('/api/v2/incidents.json');
    expect(incidents.incidents.map((i) => [i.id, i.status, i.incident_updates.length])).toEqual([['INC-1', 'resolved', 2]]);
    const home = await (await fetch(server.url)).text();
    expect(home).toMatch(/Resolved/);

    // The timeline lists every step, in order, each time with its offset.
    const timeline = run.stdout.slice(run.stdout.indexOf('Timeline of INC-1')).trim().split('\n').slice(1);
    const kinds = ['declared', 'Components set', 'cache service disconnected', 'D1 drafted', 'D1 approved', 'resolved by alice', 'D2 drafted', 'D2 approved'];
    expect(timeline).toHaveLength(kinds.length);
    timeline.forEach((line, i) => {
      expect(line).toMatch(new RegExp(`^#${i + 1} \\d{4}-\\d{2}-\\d{2} \\d{2}:\\d{2} GMT-03:00 `));
      expect(line).toContain(kinds[i]!.replace(/^(D\d) (\w+)$/, 'Public update $1 $2'));
    });
  });

  test('a second crisisroom on the same data directory is refused', async () => {
    const second = await runToEnd(['src/main.ts'], env);
    expect(second.code).toBe(1);
    expect(second.stderr).toContain('another crisisroom process is already running with this data directory');
  });

  test('the data survives a restart', async () => {
    expect(await server.stop()).toBe(0);
    server = await startServer(env);
    const incidents = await json<{ incidents: { id: string; status: string }[] }>('/api/v2/incidents.json');
    expect(incidents.incidents.map((i) => [i.id, i.status])).toEqual([['INC-1', 'resolved']]);
    expect(existsSync(join(dir, 'data', 'crisisroom.db'))).toBe(true);
  });

  test('health and readiness', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect([ready.status, await ready.json()]).toEqual([200, { status: 'ready' }]);
  });
});

describe('start-up refusals', () => {
  test('an invalid configuration stops start-up with one message naming the key, and creates nothing', async () => {
    const { dir, env } = workspace('statusPage:\n  timeZone: Mars/Olympus_Mons\n');
    const run = await runToEnd(['src/main.ts'], env);
    expect(run.code).toBe(1);
    expect(run.stderr.trim()).toBe(
      `crisisroom: configuration error: ${join(dir, 'crisisroom.yaml')}: statusPage.timeZone: "Mars/Olympus_Mons" is not an IANA time zone (e.g. America/Sao_Paulo)`,
    );
    expect(existsSync(join(dir, 'data'))).toBe(false);
  });

  test('an unreadable configuration file is named', async () => {
    const { dir, env } = workspace();
    const run = await runToEnd(['src/main.ts'], { ...env, CRISISROOM_CONFIG: join(dir, 'missing.yaml') });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`cannot read the configuration file ${join(dir, 'missing.yaml')} (CRISISROOM_CONFIG): ENOENT`);
  });

  test('the console says so when no crisisroom is running', async () => {
    const { env } = workspace();
    const run = await runToEnd(['src/main-console.ts', '--as', 'alice'], env, '/incident list\n');
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/crisisroom is not running with this data directory \(nothing answers on .*console\.sock\)\. Start it with: npm start/);
  });
});
