// Requests per second and p99 of `/` and `/api/v2/summary.json` at 50 connections, with 10 and with
// 100,000 incidents in the database, against a bare node:http server returning the same bytes and
// headers, all in one run.
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { startApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { openDatabase } from '../src/db/client.ts';
import { syncComponents } from '../src/services/sync-components.ts';
import { systemClock } from '../src/time/clock.ts';
import { median } from './stats.ts';
import { seedIncidents } from './seed.ts';

const seconds = process.env.BENCH_SECONDS ?? '4';
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);
const sizes = (process.env.BENCH_INCIDENTS ?? '10,100000').split(',').map(Number);
const paths = ['/', '/api/v2/summary.json'];

interface Load {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}
const run = promisify(execFile);
async function load(url: string): Promise<Load> {
  const { stdout } = await run(process.execPath, ['bench/load.ts', url, '50', seconds], { cwd: join(import.meta.dirname, '..'), maxBuffer: 16 * 1024 * 1024 });
  return JSON.parse(stdout) as Load;
}

console.log(`status page at 50 connections, ${rounds}×${seconds} s per figure; baseline: bare node:http with the same bytes`);
for (const size of sizes) {
  const dir = mkdtempSync(join(tmpdir(), 'crisisroom-bench-'));
  const config = loadConfig({ CRISISROOM_DATA_DIR: join(dir, 'data'), PORT: '0' });
  config.components = [{ group: 'Take Blip Platform', items: ['CRM', 'Core', 'Analytics', 'Artificial Intelligence', 'Portal', 'Cloud Infrastructure'] }];
  const seeding = performance.now();
  const { mkdir } = await import('node:fs/promises');
  await mkdir(config.dataDir, { recursive: true });
  const db = await openDatabase(config.databaseUrl, systemClock);
  await syncComponents(db, systemClock, config.components);
  await seedIncidents(db, size, systemClock.now());
  await db.close();
  const seeded = performance.now() - seeding;
  const starting = performance.now();
  const app = await startApp(config, systemClock, () => {});
  const started = performance.now() - starting;

  for (const path of paths) {
    const response = await fetch(`${app.url}${path}`);
    const body = Buffer.from(await response.arrayBuffer());
    const headers = Object.fromEntries(response.headers);
    delete headers.date;
    delete headers.connection;
    delete headers['keep-alive'];
    const bare = createServer((_req, res) => {
      res.writeHead(200, headers);
      res.end(body);
    });
    await new Promise<void>((resolve) => bare.listen(0, '127.0.0.1', resolve));
    const bareUrl = `http://127.0.0.1:${(bare.address() as AddressInfo).port}${path}`;
    const ours: Load[] = [];
    const base: Load[] = [];
    for (let round = 0; round < rounds; round++) {
      ours.push(await load(`${app.url}${path}`));
      base.push(await load(bareUrl));
    }
    bare.close();
    const rps = (l: Load[]) => median(l.map((x) => x.requests.average));
    const p99 = (l: Load[]) => median(l.map((x) => x.latency.p99));
    const failed = ours.reduce((sum, l) => sum + l.non2xx + l.errors, 0);
    console.log(
      `  ${String(size).padStart(6)} incidents  ${path.padEnd(21)} ${rps(ours).toFixed(0).padStart(6)} req/s p99 ${String(p99(ours)).padStart(3)} ms | bare ${rps(base).toFixed(0).padStart(6)} req/s p99 ${String(p99(base)).padStart(3)} ms | ${((100 * rps(ours)) / rps(base)).toFixed(0)}% of rps, p99 ×${(p99(ours) / Math.max(1, p99(base))).toFixed(2)} (${body.length} bytes)${failed ? ` ${failed} FAILED` : ''}`,
    );
  }
  console.log(
    `  ${String(size).padStart(6)} incidents  seeded in ${(seeded / 1000).toFixed(1)} s, crisisroom started (migrations, snapshot) in ${(started / 1000).toFixed(2)} s`,
  );
  await app.stop();
}
