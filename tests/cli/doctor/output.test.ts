import { PassThrough } from 'node:stream';
import { WriteStream } from 'node:tty';
import { describe, expect, test } from 'vitest';
import { checkConfig } from '../../../src/cli/doctor/config-check.ts';
import { maskSecret, maskedUrl, redact } from '../../../src/cli/doctor/mask.ts';
import { colorsOn, exitCodeOf, renderReport } from '../../../src/cli/doctor/render.ts';
import { manifestBotScopes } from '../../../src/cli/doctor/slack-manifest.ts';
import { fail, pass, reasonOf, warn } from '../../../src/cli/doctor/check-line.ts';
import { loadConfig } from '../../../src/config.ts';

const pipe = new PassThrough();
/** A stream that is a terminal: Node's own tty.WriteStream answers whether it has colours, from the environment given. */
const terminal = Object.assign(new PassThrough(), {
  isTTY: true,
  hasColors: WriteStream.prototype.hasColors,
  getColorDepth: WriteStream.prototype.getColorDepth,
});

describe('the doctor report', () => {
  test('aligned, uncoloured off a terminal, with the totals; any FAIL exits 1', () => {
    const lines = [pass('clock', 'postgresql +0.002 s (±0.001 s): in step'), warn('database', 'pending'), fail('statuspage', 'key refused')];
    expect(renderReport(lines, { colors: false })).toBe(
      [
        'PASS  clock:      postgresql +0.002 s (±0.001 s): in step',
        'WARN  database:   pending',
        'FAIL  statuspage: key refused',
        '',
        '1 passed, 1 warning, 1 failed',
        '',
      ].join('\n'),
    );
    expect(renderReport(lines, { colors: true })).toContain('\u001b[31m\u001b[1mFAIL\u001b[22m\u001b[39m  statuspage: key refused');
    expect(exitCodeOf(lines)).toBe(1);
    expect(exitCodeOf(lines.slice(0, 2))).toBe(0);
  });

  test('colours on a colour terminal only, never piped, and never when NO_COLOR is set, whatever the caller has', () => {
    expect(colorsOn(terminal, { TERM: 'xterm-256color' })).toBe(true);
    expect(colorsOn(terminal, { TERM: 'xterm-256color', NO_COLOR: '1' })).toBe(false);
    expect(colorsOn(pipe, { TERM: 'xterm-256color', FORCE_COLOR: '1' })).toBe(false);
  });
});

describe('masking', () => {
  test('a secret keeps its kind and last four characters, a short one nothing', () => {
    expect(maskSecret('xoxb-1111-2222-abcdefghijklWXYZ')).toBe('xoxb-…WXYZ');
    expect(maskSecret('xapp-1-A0-3333-abcdefghijklmnop')).toBe('xapp-…mnop');
    expect(maskSecret('0123456789abcdef0123456789abcdef')).toBe('…cdef');
    expect(maskSecret('short-key')).toBe('…');
  });

  test('URL passwords, in the user part or as a libpq parameter', () => {
    expect(maskedUrl('postgresql://app:hunter2hunter2@db:5432/crisisroom')).toBe('postgresql://app:***@db:5432/crisisroom');
    expect(maskedUrl('postgresql://db/crisisroom?user=app&password=hunter2hunter2')).toBe('postgresql://db/crisisroom?user=app&password=***');
  });

  test('redact: the last guard replaces every configured secret, and a short URL password only inside a URL', () => {
    const config = loadConfig({
      SLACK_BOT_TOKEN: 'xoxb-1111-2222-abcdefghijklWXYZ',
      SLACK_SIGNING_SECRET: '0123456789abcdef0123456789abcdef',
      STATUSPAGE_API_KEY: 'statuspage-key-abcdefghijkl',
      STATUSPAGE_PAGE_ID: 'p1',
      SMTP_URL: 'smtp://mailer:p%40ss@smtp.example.com:587',
      SMTP_FROM: 'status@example.com',
      DATABASE_URL: 'postgresql://postgres:postgres@db/crisisroom',
    });
    const text =
      'xoxb-1111-2222-abcdefghijklWXYZ 0123456789abcdef0123456789abcdef statuspage-key-abcdefghijkl smtp://mailer:p%40ss@x postgresql://postgres:postgres@db';
    expect(redact(text, config)).toBe('xoxb-…WXYZ …cdef …ijkl smtp://mailer:***@x postgresql://postgres:***@db');
  });

  test('the configuration summary shows every secret masked only', () => {
    const secrets = [
      'xoxb-1111-2222-abcdefghijklWXYZ',
      '0123456789abcdef0123456789abcdef',
      'xapp-1-A0-3333-abcdefghijklmnop',
      'statuspage-key-abcdefghijkl',
      'smtp-password-abcdef',
    ];
    const config = loadConfig({
      SLACK_BOT_TOKEN: secrets[0],
      SLACK_SIGNING_SECRET: secrets[1],
      SLACK_APP_TOKEN: secrets[2],
      STATUSPAGE_API_KEY: secrets[3],
      STATUSPAGE_PAGE_ID: 'p1',
      SMTP_URL: `smtp://mailer:${secrets[4]}@smtp.example.com:587`,
      SMTP_FROM: 'status@example.com',
    });
    const printed = checkConfig(config)
      .map((line) => line.detail)
      .join('\n');
    for (const secret of secrets) expect(printed).not.toContain(secret);
    expect(printed).toContain('bot token xoxb-…WXYZ, Socket Mode with app token xapp-…mnop (signing secret …cdef unused)');
    expect(printed).toContain('key …ijkl');
    expect(printed).toContain('smtp://mailer:***@smtp.example.com:587');
  });
});

test("the manifest's bot scopes are what the Slack check compares with", async () => {
  const scopes = await manifestBotScopes();
  expect(scopes).toContain('chat:write');
  expect(new Set(scopes).size).toBe(scopes.length);
});

test('a certificate "expired" by a wrong clock is said to be the clock', () => {
  const expired = new TypeError('fetch failed', { cause: Object.assign(new Error('certificate has expired'), { code: 'CERT_HAS_EXPIRED' }) });
  expect(reasonOf(expired)).toBe("fetch failed: certificate has expired (is this machine's clock wrong? certificates are checked against it)");
  expect(reasonOf(Object.assign(new AggregateError([], ''), { code: 'ECONNREFUSED' }))).toBe('ECONNREFUSED');
});
