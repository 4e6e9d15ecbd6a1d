import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { type Launch, childEnv, root } from './processes.ts';

const year = 365 * 86_400_000;

/**
 * Why libfaketime (Debian's `faketime`) cannot put this Node's clock a year ahead here, or null when
 * it can: it is asked to, and Date.now() in the child must really read a year later.
 */
function faketimeProblem(): string | null {
  const probe = spawnSync('faketime', ['-f', '+365d', process.execPath, '-p', 'Date.now()'], { encoding: 'utf8', timeout: 20_000 });
  if (probe.error) return `faketime cannot run (${(probe.error as NodeJS.ErrnoException).code ?? probe.error.message}): apt-get install faketime`;
  const shift = Number(probe.stdout.trim()) - Date.now();
  if (!(Math.abs(shift - year) < 60_000)) return `faketime ran but did not shift Node's Date.now() a year (shift ${shift} ms; ${probe.stderr.trim()})`;
  return null;
}

export const faketimeUnavailable = faketimeProblem();
if (faketimeUnavailable) console.warn(`SKIPPED: the tests with the machine's clock moved (${faketimeUnavailable}).`);

/** Runs `node <args>` to its end under faketime: only this process's clock moves, by `offset` ("+365d"). */
export function runUnderFaketime(
  offset: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn('faketime', ['-f', offset, process.execPath, ...args], { cwd: root, env: childEnv(env), stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/**
 * `node src/main.ts` under faketime, for processes.ts's startServer. faketime keeps a SIGTERM to
 * itself and leaves its child running, but ends as soon as its child does: the child is stopped.
 */
export function underFaketime(offset: string): Launch {
  return {
    command: 'faketime',
    args: ['-f', offset, process.execPath, 'src/main.ts'],
    stop: (faketime) => {
      if (faketime.exitCode !== null) return;
      const children = readFileSync(`/proc/${faketime.pid}/task/${faketime.pid}/children`, 'utf8').trim().split(/\s+/).filter(Boolean);
      for (const pid of children) process.kill(Number(pid), 'SIGTERM');
    },
  };
}
