import { existsSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { atTerminal, newcomerEnv, scriptPath } from '../../support/shell.ts';
import { root, workspace } from '../../support/processes.ts';

if (!existsSync(scriptPath)) console.warn(`SKIPPED: the doctor at a terminal (no ${scriptPath}; apt-get install util-linux)`);

/** The doctor at a terminal, with exactly the colour settings given and none of the caller's. */
async function doctorAtTerminal(colour: Record<string, string>): Promise<string> {
  const { env } = workspace();
  const shell = newcomerEnv({ ...env, TERM: 'xterm-256color', ...colour });
  for (const name of ['NO_COLOR', 'FORCE_COLOR'].filter((name) => !(name in colour))) delete shell[name];
  const doctor = atTerminal(`${process.execPath} src/main-cli.ts doctor`, { cwd: root, env: shell });
  await doctor.exited;
  return doctor.output();
}

describe.skipIf(!existsSync(scriptPath))('crisisroom doctor at a terminal', () => {
  test('colours its labels, unless NO_COLOR says not to', async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the colour codes themselves are what is checked
    expect(await doctorAtTerminal({})).toMatch(/\u001b\[32mPASS\u001b\[39m {2}config:/);
    const plain = await doctorAtTerminal({ NO_COLOR: '1' });
    expect(plain).toMatch(/^PASS {2}config:/m);
    expect(plain).not.toContain('\u001b[');
  });
});
