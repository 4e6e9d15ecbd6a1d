// `crisisroom metrics` as an operator runs it, in its own process, over 100,000 incidents on SQLite:
// wall time and peak resident memory, medians of a few runs, against the same command over 10,000
// incidents measured in the same run (the baseline: what ten times less history costs).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '../src/db/client.ts';
import type { Database } from '../src/db/client.ts';
import { syncComponents } from '../src/services/sync-components.ts';
import { systemClock } from '../src/time/clock.ts';
import { seedIncidents } from './seed.ts';
import { median } from './stats.ts';

const sizes = (process.env.BENCH_METRICS_INCIDENTS ?? '10000,100000').split(',').map(Number);
const rounds = Number(process.env.BENCH_METRICS_ROUNDS ?? 3);
const root = join(import.meta.dirname, '..');

/** Each seeded incident's timeline as the services write it: declared, identified at +20 min, resolved at +60 min, and a note. */
async function seedTimelines(db: Database, count: number): Promise<void> {
  const batch = 2000;
  for (let start = 1; start <= count; start += batch) {
    const incidents = await db.prisma.incident.findMany({
      where: { id: { gte: start, lt: start + batch } },
      select: { id: true, declaredAt: true, status: true },
    });
    const entry = (id: number, seq: number, kind: string, text: string, at: Date) => ({
      incidentId: id,
      seq,
      kind,
      text,
      actorId: 'console:seed',
      actorName: 'seed',
      platform: 'console',
      occurredAt: at,
      recordedAt: at,
    });
    const later = (at: Date, minutes: number) => new Date(at.getTime() + minutes * 60_000);
    await db.prisma.timelineEntry.createMany({
      data: incidents.flatMap(({ id, declaredAt, status }) => [
        entry(id, 1, 'declared', `INC-${id} declared by seed: Seeded incident ${id}`, declaredAt),
        entry(id, 2, 'note', 'cache is back', later(declaredAt, 10)),
        entry(id, 3, 'status', `INC-${id} status investigating → identified`, later(declaredAt, 20)),
        ...(status === 'resolved' ? [entry(id, 4, 'resolved', `INC-${id} resolved by seed`, later(declaredAt, 60))] : []),
      ]),
    });
  }
}

/** One run of the command, as typed after npm install: wall time and the process's own peak RSS. */
function runOnce(dataDir: string): Promise<{ ms: number; rssMb: number }> {
  const rssFile = join(mkdtempSync(join(tmpdir(), 'crisisroom-rss-')), 'peak');
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', './bench/peak-rss.ts', 'src/main-cli.ts', 'metrics'], {
    cwd: root,
    env: { PATH: process.env.PATH, HOME: process.env.HOME, CRISISROOM_DATA_DIR: dataDir, BENCH_PEAK_RSS_FILE: rssFile },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve, reject) =>
    child.once('close', (code) => {
      const ms = performance.now() - started;
      if (code !== 0) return reject(new Error(`crisisroom metrics exited ${code}: ${stderr}`));
      resolve({ ms, rssMb: Number(readFileSync(rssFile, 'utf8')) / 1024 });
    }),
  );
}

console.log(`crisisroom metrics (table) in its own process on SQLite, ${rounds} run${rounds === 1 ? '' : 's'} per size; baseline: the first size`);
let baseline: { ms: number; rssMb: number } | null = null;
for (const size of sizes) {
  const dataDir = join(mkdtempSync(join(tmpdir(), 'crisisroom-bench-')), 'data');
  mkdirSync(dataDir);
  const seeding = performance.now();
  const db = await openDatabase(`file:${join(dataDir, 'crisisroom.db')}`, systemClock);
  await syncComponents(db, systemClock, [{ group: 'Take Blip Platform', items: ['CRM', 'Core'] }]);
  await seedIncidents(db, size, systemClock.now());
  await seedTimelines(db, size);
  await db.close();
  const seeded = (performance.now() - seeding) / 1000;
  const runs = [];
  for (let round = 0; round < rounds; round++) runs.push(await runOnce(dataDir));
  const figures = { ms: median(runs.map((r) => r.ms)), rssMb: median(runs.map((r) => r.rssMb)) };
  baseline ??= figures;
  console.log(
    `  ${String(size).padStart(6)} incidents  median ${(figures.ms / 1000).toFixed(2)} s, peak RSS ${figures.rssMb.toFixed(0)} MB | ×${(figures.ms / baseline.ms).toFixed(2)} of the baseline's time, ×${(figures.rssMb / baseline.rssMb).toFixed(2)} of its memory (seeded in ${seeded.toFixed(1)} s)`,
  );
}
