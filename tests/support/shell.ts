// Running commands as a newcomer does: in a shell, in a fresh clone, piped or at a terminal.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { root } from './processes.ts';

/**
 * The environment of a newcomer's shell: the caller's, without what npm, CI or an earlier test set
 * (crisisroom's own variables, npm's, node_modules/.bin on PATH), plus `extra`.
 */
export function newcomerEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const own =
    /^(CI|npm_.*|CRISISROOM_.*|DATABASE_URL|PORT|HOST|PUBLIC_BASE_URL|SLACK_.*|TEAMS_.*|GRAPH_API_URL|SMTP_.*|STATUSPAGE_.*|BENCH_.*|VITEST.*|NODE_OPTIONS)$/;
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !own.test(key)));
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((dir) => !dir.includes('node_modules'))
    .join(':');
  return { ...env, ...extra };
}

/**
 * A fresh clone of this working tree, in a new directory: every file git would commit (tracked and
 * new, with their current contents), committed there, and the dependencies `npm install` brought.
 * `.ci/run` runs `npm install` itself on a clean clone; here node_modules is linked, not installed again.
 */
export function freshClone(): string {
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-clone-'));
  const listed = spawnSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' });
  if (listed.status !== 0) throw new Error(`git ls-files failed: ${listed.stderr}`);
  for (const file of listed.stdout.split('\0').filter((path) => path && existsSync(join(root, path)))) {
    cpSync(join(root, file), join(dir, file), { recursive: false, force: true });
  }
  symlinkSync(join(root, 'node_modules'), join(dir, 'node_modules'));
  const git = (...args: string[]) => spawnSync('git', ['-c', 'user.name=crisisroom', '-c', 'user.email=crisisroom@localhost', ...args], { cwd: dir });
  git('init', '-q');
  git('add', '-A');
  git('commit', '-q', '-m', 'fresh clone');
  return dir;
}

export interface Finished {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command line in `sh` to its end, with `input` on its stdin. */
export function runShell(command: string, options: { cwd: string; env: NodeJS.ProcessEnv; input?: string; timeoutMs?: number }): Promise<Finished> {
  const child = spawn('sh', ['-c', command], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(options.input ?? '');
  const timer = setTimeout(() => killGroup(child), options.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    }),
  );
}

/** Ends a command started in its own process group: sh, npm and the node process npm started. */
function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): void {
  try {
    if (child.pid !== undefined) process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

export interface Session {
  /** Everything written so far, stdout and stderr together. */
  output(): string;
  /** Types text, as at the keyboard. */
  type(text: string): void;
  /** Resolves when the output matches, with the output; fails with it after `withinMs`. */
  waitFor(pattern: RegExp, withinMs?: number): Promise<string>;
  exited: Promise<number | null>;
  /** SIGTERM to the whole command, then its exit code. */
  stop(): Promise<number | null>;
}

function session(child: ChildProcess): Session {
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString());
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  return {
    output: () => output,
    type: (text) => void child.stdin?.write(text),
    async waitFor(pattern, withinMs = 20_000) {
      const deadline = performance.now() + withinMs;
      while (!pattern.test(output)) {
        if (performance.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} within ${withinMs} ms; the output was:\n${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return output;
    },
    exited,
    async stop() {
      if (child.exitCode === null) killGroup(child);
      return exited;
    },
  };
}

/** A command left running in `sh`, piped (no terminal): a server, say. */
export function startShell(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Session {
  return session(spawn('sh', ['-c', command], { cwd: options.cwd, env: options.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true }));
}

export const scriptPath = '/usr/bin/script';

/**
 * A command at a terminal: util-linux `script` gives it a pseudo-terminal, as a person's shell has.
 * The terminal is made wide first, so that readline never redraws a long line.
 */
export function atTerminal(command: string, options: { cwd: string; env: NodeJS.ProcessEnv }): Session {
  const child = spawn(scriptPath, ['-qfec', `stty cols 20000; ${command}`, '/dev/null'], {
    cwd: options.cwd,
    env: { ...options.env, TERM: options.env.TERM ?? 'xterm' },
    stdio: ['pipe', 'pipe', 'pipe'],
    detached: true,
  });
  return session(child);
}
