import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startApp } from '../../src/app.ts';
import { type AppConfig, loadConfig } from '../../src/config.ts';
import { manualClock } from '../../src/time/clock.ts';
import { type SmtpFake, startSmtpServer } from '../fakes/smtp.ts';

type App = Awaited<ReturnType<typeof startApp>>;

function configWith(env: Record<string, string>): AppConfig {
  const config = loadConfig({ CRISISROOM_DATA_DIR: join(mkdtempSync(join(tmpdir(), 'crisisroom-email-')), 'data'), PORT: '0', ...env });
  config.statusPage = { name: 'Take Blip Status', timeZone: 'America/Sao_Paulo', languages: ['en', 'pt-BR'] };
  config.components = [{ group: 'Take Blip Platform', items: ['CRM', 'Core'] }];
  return config;
}

const sameSite = { 'sec-fetch-site': 'same-origin' };
const textOf = (html: string) =>
  html
    .replace(/<[^>]+>/g, '')
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'");
const linkIn = (text: string, path: string) => new RegExp(`https?://[^\\s]+${path}/[A-Za-z0-9_-]+(\\?[^\\s]*)?`).exec(text)?.[0];

describe('e-mail subscribers through the HTTP server, with a real SMTP server', () => {
  const clock = manualClock(new Date('2021-09-15T13:50:00Z'));
  const log: string[] = [];
  let smtp: SmtpFake;
  let app: App;
  const post = (path: string, body: string, headers: Record<string, string> = sameSite) =>
    fetch(`${app.url}${path}`, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  const say = (line: string) => app.runConsoleLine({ user: 'alice', line });
  const relative = (link: string) => link.replace(app.publicBaseUrl, '');
  let confirmLink = '';
  let unsubscribeLink = '';

  beforeAll(async () => {
    smtp = await startSmtpServer();
    const config = configWith({ SMTP_URL: smtp.url, SMTP_FROM: 'Take Blip Status <status@example.test>' });
    app = await startApp(config, clock, (message, error) => log.push(`${message}${error ? ` :: ${String(error)}` : ''}`));
  });
  afterAll(async () => {
    await app?.stop();
    await smtp?.close();
  });

  test('the home page offers the form, keeping the visitor language and zone', async () => {
    const home = await (await fetch(`${app.url}/?lang=pt-BR&tz=Europe/Lisbon`)).text();
    expect(home).toContain('<form class="subscribe-form" method="post" action="/subscribe?lang=pt-BR&amp;tz=Europe%2FLisbon">');
    expect(home).toContain('<input type="checkbox" id="subscribe-component-0" name="components" value="CRM">');
    expect(textOf(home)).toContain('Receba as atualizações');
    expect(log.join('\n')).toContain(`e-mail updates: through smtp://crisisroom:***@127.0.0.1:${smtp.port}`);
    expect(log.join('\n')).not.toContain('s3cret-pass');
  });

  test('subscribing mails a confirmation link; opening it asks, and only the button confirms', async () => {
    const answer = await post('/subscribe?lang=pt-BR&tz=Europe/Lisbon', 'email=Ana%40Example.com&components=CRM');
    expect(answer.status).toBe(200);
    expect(answer.headers.get('cache-control')).toBe('no-store');
    expect(textOf(await answer.text())).toContain('Uma mensagem está a caminho de ana@example.com.');
    await smtp.waitFor(1);
    const [confirmation] = smtp.to('ana@example.com');
    expect(confirmation!.subject).toBe('Confirme sua inscrição em Take Blip Status');
    expect(confirmation!.text).toContain('Atualizações sobre incidentes que afetem CRM.');
    confirmLink = relative(linkIn(confirmation!.text!, '/subscribe/confirm')!);
    expect(confirmLink).toMatch(/^\/subscribe\/confirm\/[A-Za-z0-9_-]{32}\?lang=pt-BR&tz=Europe%2FLisbon$/);

    for (let i = 0; i < 2; i++) {
      const page = await fetch(`${app.url}${confirmLink}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(textOf(html)).toContain('Enviar as atualizações de Take Blip Status por e-mail para ana@example.com?');
      expect(html).toContain(`<form class="subscribe-form" method="post" action="${confirmLink.replace('&', '&amp;')}">`);
    }

    // Not confirmed yet: an approved update mails nobody.
    await say('/incident declare CRM is slow --sev 2 --components CRM');
    await say('/incident public investigating Looking into it.');
    expect(await say('/incident approve')).toContain('Approved INC-1 D1');
    await app.settle();
    expect(smtp.received).toHaveLength(1);

    const confirmed = await post(confirmLink, '');
    expect(confirmed.status).toBe(200);
    expect(textOf(await confirmed.text())).toContain('ana@example.com receberá as atualizações por e-mail.');
  });

  test('an approved update is mailed in the subscriber language, with times in their zone and the unsubscribe headers', async () => {
    clock.advance(60 * 60_000);
    await say('/incident components INC-1 CRM=major_outage');
    await say('/incident public INC-1 identified The cause is a full disk.');
    await say('/incident approve INC-1');
    await app.settle();
    const [, update] = smtp.to('ana@example.com');
    expect(update!.subject).toBe('[Identificado] CRM is slow');
    expect(update!.text).toContain('Identificado - The cause is a full disk.');
    expect(update!.text).toContain('• CRM: Operacional → Interrupção grave');
    expect(update!.text).toContain('Publicado 15 set 2021 - 15:50 GMT+01:00');
    expect(update!.text).toContain(`Ver o incidente: ${app.publicBaseUrl}/incidents/INC-1?lang=pt-BR&tz=Europe%2FLisbon`);
    const lines = Object.fromEntries(update!.headerLines.map((h) => [h.key, h.line.replace(/^[^:]+:\s*/, '')]));
    unsubscribeLink = relative(lines['list-unsubscribe']!.slice(1, -1));
    expect(unsubscribeLink).toMatch(/^\/unsubscribe\/[A-Za-z0-9_-]{32}\?lang=pt-BR&tz=Europe%2FLisbon$/);
    expect(lines['list-unsubscribe-post']).toBe('List-Unsubscribe=One-Click');
    expect(update!.text).toContain(`Cancelar inscrição: ${app.publicBaseUrl}${unsubscribeLink}`);
  });

  test('the same answer whether or not the address is subscribed; its owner is told by mail', async () => {
    clock.advance(10 * 60_000);
    const known = await post('/subscribe?lang=pt-BR', 'email=ana%40example.com');
    const fresh = await post('/subscribe?lang=pt-BR', 'email=new%40example.com');
    expect([known.status, fresh.status]).toEqual([200, 200]);
    expect((await known.text()).replace('ana@', 'X@')).toBe((await fresh.text()).replace('new@', 'X@'));
    await smtp.waitFor(4);
    expect(smtp.to('ana@example.com').at(-1)!.subject).toBe('Você está inscrito em Take Blip Status');
    expect(smtp.to('new@example.com')[0]!.subject).toBe('Confirme sua inscrição em Take Blip Status');
    // A repeat within minutes answers alike and sends nothing more.
    expect((await post('/subscribe?lang=pt-BR', 'email=new%40example.com')).status).toBe(200);
    expect(smtp.received).toHaveLength(4);
  });

  test('a bad address, an unknown component, a foreign site and a bad body are each refused clearly', async () => {
    const bad = await post('/subscribe', 'email=not-an-address');
    expect(bad.status).toBe(400);
    expect(textOf(await bad.text())).toContain('That is not an e-mail address. Please check it and try again.');
    const unknown = await post('/subscribe', 'email=x%40example.com&components=Billing');
    expect(unknown.status).toBe(400);
    expect((await post('/subscribe', 'email=x%40example.com', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/subscribe', 'email=x%40example.com', { origin: 'http://evil.example' })).status).toBe(403);
    expect((await post(confirmLink, '', { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    expect((await post('/subscribe', `email=${'a'.repeat(9000)}`)).status).toBe(413);
    expect((await fetch(`${app.url}/subscribe`, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json', ...sameSite } })).status).toBe(
      415,
    );
    expect((await fetch(`${app.url}/subscribe`)).status).toBe(405);
    expect((await fetch(`${app.url}/unsubscribe/${'x'.repeat(32)}`)).status).toBe(404);
    expect(smtp.received).toHaveLength(4);
  });

  test('the unsubscribe link asks first; a one-click post from a mail client unsubscribes, and the next update sends nothing', async () => {
    const page = await fetch(`${app.url}${unsubscribeLink}`);
    expect(textOf(await page.text())).toContain('Parar de enviar as atualizações de Take Blip Status para ana@example.com?');
    const oneClick = await post(unsubscribeLink, 'List-Unsubscribe=One-Click', {});
    expect(oneClick.status).toBe(200);
    expect(textOf(await oneClick.text())).toContain('ana@example.com não receberá mais atualizações.');

    const before = smtp.received.length;
    await say('/incident resolve INC-1 Fixed.');
    await say('/incident approve INC-1');
    await app.settle();
    expect(smtp.received).toHaveLength(before);
  });

  test('subscribing is rate-limited per client', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await post('/subscribe', `email=flood${i}%40example.com`)).status);
    expect(statuses.at(-1)).toBe(429);
  });
});

describe('without a mail server', () => {
  let app: App;
  beforeAll(async () => {
    app = await startApp(configWith({}), manualClock(new Date('2021-09-15T13:50:00Z')), () => {});
  });
  afterAll(async () => {
    await app?.stop();
  });

  test('the page offers no subscription and its addresses are not found', async () => {
    expect(await (await fetch(app.url)).text()).not.toContain('subscribe');
    const answer = await fetch(`${app.url}/subscribe`, {
      method: 'POST',
      body: 'email=a%40example.com',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(answer.status).toBe(404);
    expect((await fetch(`${app.url}/unsubscribe/${'x'.repeat(32)}`)).status).toBe(404);
  });
});
