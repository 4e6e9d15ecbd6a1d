// Loaded with --import into a process under measure: on exit it writes its peak resident memory
// (kB, as getrusage gives it) to the file BENCH_PEAK_RSS_FILE names.
import { writeFileSync } from 'node:fs';

const file = process.env.BENCH_PEAK_RSS_FILE;
if (file) process.on('exit', () => writeFileSync(file, String(process.resourceUsage().maxRSS)));
