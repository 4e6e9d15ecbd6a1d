import { cpSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { root } from '../support/processes.ts';
import { newcomerEnv, runShell } from '../support/shell.ts';
import { asTyped } from '../support/typed.ts';

// In a project of one file, so that the command run as typed rewrites nothing of this one.
test('npm run format rewrites a file in the house style', async () => {
  const project = mkdtempSync(join(tmpdir(), 'crisisroom-format-'));
  for (const file of ['package.json', 'biome.jsonc', '.gitignore']) cpSync(join(root, file), join(project, file));
  symlinkSync(join(root, 'node_modules'), join(project, 'node_modules'));
  mkdirSync(join(project, 'src'));
  writeFileSync(join(project, 'src', 'sample.ts'), 'export const sample = {status:"investigating",\n    minutes : 12}\n');

  const run = await runShell(asTyped('npm run format'), { cwd: project, env: newcomerEnv(), timeoutMs: 60_000 });

  expect(run.code, run.stdout + run.stderr).toBe(0);
  expect(readFileSync(join(project, 'src', 'sample.ts'), 'utf8')).toBe("export const sample = { status: 'investigating', minutes: 12 };\n");
}, 60_000);
