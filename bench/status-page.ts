// Requests per second the status page API sustains during an incident, served from the in-memory
// snapshot, against the baseline of building the same document from the database on every request.
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
import { loadPublicSnapshot } from '../src/services/load-public-snapshot.ts';
import { summaryJson } from '../src/status-page/statuspage-json.ts';
import { systemClock } from '../src/time/clock.ts';
import { median } from './stats.ts';

const incidents = Number(process.env.BENCH_INCIDENTS ?? 30);
const seconds = process.env.BENCH_SECONDS ?? '4';
const rounds = Number(process.env.BENCH_LOAD_ROUNDS ?? 3);

const dir = mkdtempSync(join(tmpdir(), 'crisisroom-bench-'));
const config = loadConfig({ CRISISROOM_DATA_DIR: join(dir, 'data'), PORT: '0' });
config.components = [{ group: 'Platform', items: ['CRM', 'Core', 'Portal'] }];
const app = await startApp(config, systemClock, () => {});

// An incident history: each incident with four published updates; the last five still open.
for (let i = 1; i <= incidents; i++) {
  const lines = [`declare Incident ${i} --sev ${(i % 4) + 1} --components CRM, Core`, `components INC-${i} CRM=partial_outage`];
  for (const status of ['investigating', 'identified', 'monitoring']) lines.push(`public INC-${i} ${status} Update while ${status}.`, `approve INC-${i}`);
  if (i <= incidents - 5) lines.push(`resolve INC-${i} Resolved.`, `approve INC-${i}`);
  for (const line of lines) await app.runConsoleLine({ user: 'bench', line });
}

const db = await openDatabase(config.databaseUrl);
const baseline = createServer(async (_req, res) => {
  const snapshot = await loadPublicSnapshot(db, systemClock, { ...config, publicBaseUrl: app.publicBaseUrl });
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(summaryJson(snapshot)));
});
await new Promise<void>((resolve) => baseline.listen(0, '127.0.0.1', resolve));
const baselineUrl = `http://127.0.0.1:${(baseline.address() as AddressInfo).port}`;

interface Load {
  requests: { average: number };
  latency: { p50: number; p99: number };
  non2xx: number;
  errors: number;
}

const served: Load[] = [];
const rebuilt: Load[] = [];
const run = promisify(execFile);

/** autocannon runs as its own process, so the load generator does not share the servers' event loop. */
async function measure(url: string): Promise<Load> {
  const { stdout } = await run(process.execPath, ['node_modules/autocannon/autocannon.js', '-j', '-c', '20', '-d', seconds, url], {
    cwd: join(import.meta.dirname, '..'),
    maxBuffer: 16 * 1024 * 1024,
  });
  return JSON.parse(stdout) as Load;
}

for (let round = 0; round < rounds; round++) {
  served.push(await measure(`${app.url}/api/v2/summary.json`));
  rebuilt.push(await measure(`${baselineUrl}/api/v2/summary.json`));
}

const rps = (loads: Load[]) => median(loads.map((l) => l.requests.average));
const p50 = (loads: Load[]) => median(loads.map((l) => l.latency.p50));
const p99 = (loads: Load[]) => median(loads.map((l) => l.latency.p99));
const failures = [...served, ...rebuilt].reduce((sum, l) => sum + l.non2xx + l.errors, 0);
console.log(`summary.json with ${incidents} incidents (${incidents * 4 - 5} published updates), 20 connections, ${rounds}×${seconds} s each`);
console.log(`  snapshot (served)      median ${rps(served).toFixed(0).padStart(6)} req/s  p50 ${p50(served)} ms  p99 ${p99(served)} ms`);
console.log(`  rebuilt per request    median ${rps(rebuilt).toFixed(0).padStart(6)} req/s  p50 ${p50(rebuilt)} ms  p99 ${p99(rebuilt)} ms`);
console.log(`  ratio                  ×${(rps(served) / rps(rebuilt)).toFixed(1)} requests per second from the snapshot${failures ? `  (${failures} failed requests!)` : ''}`);

baseline.close();
await db.close();
await app.stop();
