// `npm run console -- --as <name> [--tz <zone>]`: a local chat attached to the running crisisroom.
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ConfigError, loadConfig } from './config.ts';
import { connectConsole } from './chat/console/client.ts';
import { socketPathIn, userNamePattern } from './chat/console/protocol.ts';
import { runConsoleSession } from './chat/console/session.ts';
import { isValidTimeZone } from './time/format.ts';

function fail(message: string): never {
  process.stderr.write(`crisisroom console: ${message}\n`);
  process.exit(1);
}

let args;
try {
  args = parseArgs({ options: { as: { type: 'string' }, tz: { type: 'string' } }, strict: true }).values;
} catch (error) {
  fail(`${(error as Error).message}\nUsage: npm run console -- --as <name> [--tz <IANA zone>]`);
}
const user = userNamePattern.safeParse(args.as ?? userInfo().username);
if (!user.success) fail(`--as: ${user.error.issues[0]?.message}`);
if (args.tz !== undefined && !isValidTimeZone(args.tz)) fail(`--tz: "${args.tz}" is not an IANA time zone (e.g. America/Sao_Paulo)`);

let config;
try {
  config = loadConfig(process.env, { exampleForTrial: true });
} catch (error) {
  fail(error instanceof ConfigError ? `configuration error: ${error.message}` : String(error));
}
const socketPath = socketPathIn(config.dataDir);
const connection = await connectConsole(socketPath).catch(() =>
  fail(`crisisroom is not running with this data directory (nothing answers on ${socketPath}). Start it with: npm start`),
);
const timeZone = args.tz;
await runConsoleSession({
  input: process.stdin,
  output: process.stdout,
  user: user.data,
  interactive: process.stdin.isTTY === true,
  send: (as, line) => connection.send({ user: as, line, ...(timeZone ? { timeZone } : {}) }),
});
connection.close();
