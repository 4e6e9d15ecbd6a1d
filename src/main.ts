// `npm start`: one crisisroom process. Configuration is read here, once, and passed in.
import { userInfo } from 'node:os';
import { runConsoleSession } from './chat/console/session.ts';
import { startApp } from './app.ts';
import { ConfigError, loadConfig } from './config.ts';
import { createLog } from './log.ts';
import { createVerifiedClock } from './time/verified-clock.ts';
import { errorMessage } from './domain/errors.ts';
import { collectWhileBusy } from './memory.ts';

let config;
try {
  config = loadConfig(process.env, { exampleForTrial: true });
} catch (error) {
  process.stderr.write(`crisisroom: configuration error: ${error instanceof ConfigError ? error.message : String(error)}\n`);
  process.exit(1);
}

// The log is stamped by the clock it reports on; the clock's own messages go through it.
const clock = createVerifiedClock({
  warnMs: config.clock.warnSeconds * 1000,
  refuseMs: config.clock.refuseSeconds * 1000,
  checkEveryMs: config.clock.checkSeconds * 1000,
  log: (message, error) => log(message, error),
});
const log = createLog(clock);

let app: Awaited<ReturnType<typeof startApp>>;
try {
  app = await startApp(config, clock, log);
} catch (error) {
  process.stderr.write(`crisisroom: cannot start: ${errorMessage(error)}\n`);
  process.exit(1);
}

collectWhileBusy();

const database = config.databaseUrl.startsWith('file:') ? `SQLite ${config.databaseUrl.slice(5)}` : 'PostgreSQL';
log(`listening on ${app.url} (status page ${app.publicBaseUrl}, ${database})`);
if (config.configIsExample) {
  log(`configuration: none named (CRISISROOM_CONFIG), so the example ${config.configPath} is used: copy it, make it yours and set CRISISROOM_CONFIG`);
}
log(`console: npm run console -- --as <name>`);

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  log(`${signal}: stopping`);
  await app.stop();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

// In a terminal with no chat platform configured, the person who started it gets the console here.
if (process.stdin.isTTY && !config.chatPlatformsConfigured) {
  await runConsoleSession({
    input: process.stdin,
    output: process.stdout,
    user: userInfo().username,
    interactive: true,
    send: (user, line) => app.runConsoleLine({ user, line }),
  });
  await shutdown('end of console input');
}
