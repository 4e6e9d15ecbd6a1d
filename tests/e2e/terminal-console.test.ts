import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect, test } from 'vitest';
import { eventually, root, workspace } from '../support/processes.ts';

// `script` (util-linux) gives the server a real terminal, as a person running `npm start` has.
const script = '/usr/bin/script';
if (!existsSync(script)) console.warn(`SKIPPED: the terminal console test (no ${script}; apt-get install util-linux)`);

test.skipIf(!existsSync(script))('npm start in a terminal with no chat platform opens the console in-process', async () => {
  const { env } = workspace();
  const child = spawn(script, ['-qfec', `${process.execPath} src/main.ts`, '/dev/null'], {
    cwd: root,
    env: { ...process.env, ...env, USER: 'ops' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let screen = '';
  child.stdout.on('data', (chunk: Buffer) => (screen += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));

  await eventually(async () => expect(screen).toContain('crisisroom console: you are'), 20_000);
  child.stdin.write('/incident declare Typed in a terminal --sev 1\n');
  await eventually(async () => expect(screen).toMatch(/Declared INC-1: Typed in a terminal \(SEV1, investigating\)\. \S+ is the commander\./), 10_000);
  child.stdin.write('/as carol\n/incident list\n');
  await eventually(async () => expect(screen).toMatch(/You are now carol\.[\s\S]*carol> [\s\S]*INC-1 Typed in a terminal · investigating · SEV1/), 10_000);
  // Ctrl-D ends the console, and with it the process, cleanly.
  child.stdin.write('\u0004');
  expect(await exited).toBe(0);
  expect(screen).toContain('end of console input: stopping');
});
