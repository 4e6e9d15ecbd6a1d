import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = fileURLToPath(new URL('../../', import.meta.url));

export const takeBlipYaml = `statusPage:
  name: Take Blip Status
  timeZone: America/Sao_Paulo
  languages: [en, pt-BR]
components:
  - group: Take Blip Platform
    items: [CRM, Core, Analytics, Artificial Intelligence, Portal, Cloud Infrastructure]
approval:
  fourEyes: false
`;

/** A fresh working directory with a configuration file: what a newcomer's checkout would hold. */
export function workspace(yaml = takeBlipYaml): { dir: string; env: Record<string, string> } {
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-e2e-'));
  writeFileSync(join(dir, 'crisisroom.yaml'), yaml);
  return {
    dir,
    env: { CRISISROOM_DATA_DIR: join(dir, 'data'), CRISISROOM_CONFIG: join(dir, 'crisisroom.yaml'), PORT: '0', HOST: '127.0.0.1' },
  };
}

export function childEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const { CI: _ci, ...inherited } = process.env;
  return { ...inherited, ...extra };
}

export interface Running {
  child: ChildProcess;
  url: string;
  stderr(): string;
  stop(): Promise<number | null>;
}

/** How a server process is started, and stopped: `node src/main.ts` by default, SIGTERM to stop. */
export interface Launch {
  command: string;
  args: string[];
  stop?(child: ChildProcess): void;
}

const plainNode: Launch = { command: process.execPath, args: ['src/main.ts'] };

/** Starts `node src/main.ts` (what `npm start` runs), or `launch`, and waits until it says where it listens. */
export function startServer(env: Record<string, string>, launch: Launch = plainNode): Promise<Running> {
  const child = spawn(launch.command, launch.args, { cwd: root, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  const stop = () => (launch.stop ? launch.stop(child) : child.kill('SIGTERM'));
  let err = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(new Error(`server did not start:\n${err}`));
    }, 30_000);
    child.stderr.on('data', (chunk: Buffer) => {
      err += chunk.toString();
      const match = /listening on (http:\/\/[^\s]+)/.exec(err);
      if (match) {
        clearTimeout(timer);
        resolve({
          child,
          url: match[1]!,
          stderr: () => err,
          stop: () =>
            new Promise((done) => {
              if (child.exitCode !== null) return done(child.exitCode);
              child.once('exit', (code) => done(code));
              stop();
            }),
        });
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code}:\n${err}`));
    });
  });
}

/** Runs a program to its end with `input` piped to its stdin. */
export function runToEnd(args: string[], env: Record<string, string>, input = ''): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child = spawn(process.execPath, args, { cwd: root, env: childEnv(env), stdio: ['pipe', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  child.stdin.end(input);
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr })));
}

/** Polls until `check` passes or the deadline is reached; returns how long it took. */
export async function eventually(check: () => Promise<void>, withinMs: number): Promise<number> {
  const started = performance.now();
  for (;;) {
    try {
      await check();
      return performance.now() - started;
    } catch (error) {
      if (performance.now() - started > withinMs) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}
