import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { userInfo } from 'node:os';
import { join } from 'node:path';
import { stripVTControlCharacters } from 'node:util';
import { beforeAll, describe, expect, test } from 'vitest';
import { databaseKinds, postgresAdminUrl } from '../support/databases.ts';
import { type Session, atTerminal, freshClone, newcomerEnv, runShell, startShell } from '../support/shell.ts';
import { asTyped, blockAfter } from '../support/typed.ts';

// The README promises the page on port 3000; these tests take it, one after the other.
const port3000Taken = await new Promise<boolean>((resolve) => {
  const probe = createServer().once('error', () => resolve(true));
  probe.listen(3000, '127.0.0.1', () => probe.close(() => resolve(false)));
});
if (port3000Taken) console.warn('SKIPPED: the Quick start as typed (port 3000, where the README says the page is, is taken on this machine).');

/** What each verb of the README's first incident answers when it worked. */
const worked: Record<string, RegExp> = {
  declare: /^Declared INC-\d+: .+ \(SEV\d, investigating\)/,
  components: /^INC-\d+: these go public with the next approved public update/,
  public: /^Drafted D\d+ for INC-\d+/,
  approve: /^Approved INC-\d+ D\d+: published to the status page\./,
  note: /^Noted on INC-\d+/,
  resolve: /^INC-\d+ is resolved internally\./,
  timeline: /^Timeline of INC-\d+: /,
};
const firstIncident = blockAfter('README.md', 'A first incident, end to end:');
const verbOf = (line: string) => /^\/incident (\w+)/.exec(line)?.[1] ?? line;

/** The terminal's text as a person reads it: without colours, cursor moves and carriage returns. */
const plain = (text: string) => stripVTControlCharacters(text).replace(/\r/g, '');

/** Types one line at a console prompt and returns the reply printed before the next prompt. */
async function say(console: Session, user: string, line: string): Promise<string> {
  const before = console.output().length;
  console.type(`${line}\n`);
  const prompt = new RegExp(`\\n${user}> $`);
  for (const deadline = performance.now() + 15_000; !prompt.test(plain(console.output().slice(before))); ) {
    if (performance.now() > deadline) throw new Error(`no reply to "${line}"; the terminal showed:\n${plain(console.output())}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  const shown = plain(console.output().slice(before));
  return shown
    .slice(shown.indexOf('\n') + 1)
    .replace(prompt, '')
    .trim();
}

describe.skipIf(port3000Taken)('the Quick start on a fresh clone, exactly as the README has it', () => {
  let clone: string;
  const env = newcomerEnv();
  beforeAll(async () => {
    clone = freshClone();
    // What `npm install` runs after installing (postinstall); the clone shares the installed packages.
    const generated = await runShell(asTyped('npm run db:generate'), { cwd: clone, env });
    expect(generated.code, generated.stderr).toBe(0);
  }, 60_000);

  test('npm start in a terminal: the console, the first incident command by command, consoles attached beside it', async () => {
    const me = userInfo().username;
    const server = atTerminal(asTyped('npm start'), { cwd: clone, env });
    try {
      await server.waitFor(/crisisroom console: you are \S+\. Type \/incident help/);
      expect(plain(server.output())).toMatch(/configuration: none named \(CRISISROOM_CONFIG\), so the example \S+crisisroom\.example\.yaml is used/);
      for (const line of firstIncident) {
        const pattern = worked[verbOf(line)];
        if (!pattern) throw new Error(`the README's first incident now uses "${verbOf(line)}": say here what it answers when it works`);
        expect(await say(server, me, line), line).toMatch(pattern);
      }

      const summary = await runShell(asTyped('curl localhost:3000/api/v2/summary.json'), { cwd: clone, env });
      const page = JSON.parse(summary.stdout) as { page: { name: string }; components: { name: string; status: string }[]; status: { indicator: string } };
      expect(page.page.name).toBe('Take Blip Status');
      expect(page.components.find((component) => component.name === 'CRM')?.status).toBe('operational');
      expect(page.status.indicator).toBe('none');
      const home = await (await fetch('http://localhost:3000/')).text();
      expect(home).toContain('Smart Contacts not exchanging messages');

      // Another terminal, another person, another zone: the same running crisisroom.
      const alice = atTerminal(asTyped('npm run console -- --as alice --tz America/Sao_Paulo'), { cwd: clone, env });
      await alice.waitFor(/you are alice\./);
      expect(await say(alice, 'alice', '/incident declare Ticket distribution stopped --sev 3')).toMatch(/^Declared INC-2: Ticket distribution stopped/);
      expect(await say(alice, 'alice', '/incident timeline')).toMatch(
        /^Timeline of INC-2: Ticket distribution stopped\n#1 \d{4}-\d\d-\d\d \d\d:\d\d GMT-03:00 alice: /,
      );
      alice.type('\u0004');
      expect(await alice.exited).toBe(0);

      const plainAlice = atTerminal(asTyped('npm run console -- --as alice'), { cwd: clone, env });
      await plainAlice.waitFor(/you are alice\./);
      expect(await say(plainAlice, 'alice', '/incident list')).toMatch(/INC-2 Ticket distribution stopped · investigating · SEV3/);
      plainAlice.type('\u0004');
      expect(await plainAlice.exited).toBe(0);

      writeFileSync(join(clone, 'script.txt'), '/incident note the queue drains again\n/incident summary\n');
      const piped = await runShell(asTyped('npm run console -- --as alice < script.txt'), { cwd: clone, env });
      expect(piped.code).toBe(0);
      expect(piped.stdout).toMatch(/Noted on INC-2 \(timeline #2\)\.\n[\s\S]*INC-2/);

      // Ctrl-D at the first console ends it, and the process with it.
      server.type('\u0004');
      expect(await server.exited).toBe(0);
      expect(plain(server.output())).toContain('end of console input: stopping');
    } finally {
      await server.stop();
    }
  }, 90_000);

  test('piped: npm start serves, the first incident runs from a script, and a console with nothing running says what to do', async () => {
    rmSync(join(clone, 'data'), { recursive: true, force: true });
    const server = startShell(asTyped('npm start'), { cwd: clone, env });
    try {
      await server.waitFor(/listening on http:\/\/127\.0\.0\.1:3000/);
      writeFileSync(join(clone, 'script.txt'), `${firstIncident.join('\n')}\n`);
      const run = await runShell(asTyped('npm run console -- --as alice < script.txt'), { cwd: clone, env });
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/Declared INC-1: Smart Contacts not exchanging messages \(SEV2, investigating\)\. alice is the commander\./);
      expect(run.stdout.match(/Approved INC-1 D\d: published to the status page\./g)).toHaveLength(2);
      expect(run.stdout).toMatch(
        /Timeline of INC-1: [^\n]+\n#1 [\s\S]*isolated the server whose clock jumped to 2022[\s\S]*approved by alice and published \(resolved\)/,
      );
    } finally {
      await server.stop();
    }
    const alone = await runShell(asTyped('npm run console -- --as alice'), { cwd: clone, env });
    expect(alone.code).not.toBe(0);
    expect(alone.stderr).toMatch(/crisisroom is not running with this data directory \(nothing answers on \S+console\.sock\)\. Start it with: npm start/);
  }, 60_000);

  test('the commands that read the same data: export-site, doctor, repair-timestamps', async () => {
    const exported = await runShell(asTyped('npx crisisroom export-site ./public-site --base-url https://status.example.com'), { cwd: clone, env });
    expect(exported.code, exported.stderr).toBe(0);
    expect(readFileSync(join(clone, 'public-site/history.atom'), 'utf8')).toContain('https://status.example.com/incidents/INC-1');
    const copy = await runShell(asTyped('npx crisisroom export-site <dir> --base-url <address>', { dir: 'copy', address: 'https://status.example.org' }), {
      cwd: clone,
      env,
    });
    expect(copy.code, copy.stderr).toBe(0);
    expect(JSON.parse(readFileSync(join(clone, 'copy/api/v2/incidents.json'), 'utf8')).incidents[0]).toMatchObject({ id: 'INC-1', status: 'resolved' });
    expect(exported.stderr + copy.stderr).not.toMatch(/npm (warn|error)/);

    const doctor = await runShell(asTyped('npx crisisroom doctor'), { cwd: clone, env });
    expect(doctor.code, doctor.stdout).toBe(0);
    expect(doctor.stdout).toMatch(/^WARN {2}config: +file \S+crisisroom\.example\.yaml: the example, taken for a trial run/m);
    expect(doctor.stdout).toMatch(/^\d+ passed, \d+ warnings?, 0 failed$/m);

    const repair = await runShell(asTyped('npx crisisroom repair-timestamps'), { cwd: clone, env });
    expect(repair.code, repair.stdout + repair.stderr).toBe(0);
    expect(repair.stdout).toContain('repair-timestamps: no timestamp in the future or out of order');
  }, 60_000);

  // The PostgreSQL migration is diffed on a live server (read only), as the README says.
  test.skipIf(!databaseKinds.includes('postgresql'))(
    'development: a change to the data model becomes a migration for both databases',
    async () => {
      const schema = join(clone, 'prisma/sqlite/schema.prisma');
      writeFileSync(schema, readFileSync(schema, 'utf8').replace('  @@unique([incidentId, seq])\n', '  @@unique([incidentId, seq])\n  @@index([kind])\n'));
      const made = await runShell(asTyped('npm run db:migration -- <name>', { name: 'timeline_by_kind' }), {
        cwd: clone,
        env: { ...env, CRISISROOM_TEST_POSTGRES_URL: postgresAdminUrl },
      });
      expect(made.code, made.stderr).toBe(0);
      for (const provider of ['sqlite', 'postgresql']) {
        const written = new RegExp(`wrote (prisma/${provider}/migrations/\\d{14}_timeline_by_kind/migration\\.sql)`).exec(made.stdout);
        expect(written, made.stdout).not.toBeNull();
        expect(readFileSync(join(clone, written![1]!), 'utf8')).toMatch(/CREATE INDEX "TimelineEntry_kind_idx" ON "(public"\.")?TimelineEntry"\("kind"\)/);
      }
    },
    60_000,
  );
});
