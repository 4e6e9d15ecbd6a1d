import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { PermanentDeliveryError, type DeliveryJob } from '../../src/delivery/target.ts';
import { emailSubscriberTarget } from '../../src/delivery/targets/email.ts';
import { smtpMailer } from '../../src/mail/mailer.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { createEmailDeliveries } from '../../src/db/stores/email-deliveries.ts';
import { confirmEmailSubscription, requestEmailSubscription, unsubscribeEmail } from '../../src/services/subscription/email-subscribers.ts';
import { setComponents } from '../../src/services/incident/set-components.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';
import { type SmtpFake, startSmtpServer } from '../fakes/smtp.ts';

const site = () => ({ name: 'Take Blip Status', url: 'http://status.example.test', languages: ['en', 'pt-BR'] as const, timeZone: 'America/Sao_Paulo' });
const header = (mail: { headerLines: readonly { key: string; line: string }[] }, key: string) =>
  mail.headerLines.find((h) => h.key === key)?.line.replace(/^[^:]+:\s*/, '');

describe.each(databaseKinds)('the e-mail target on %s, against a real SMTP server', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let smtp: SmtpFake;
  let mailer: ReturnType<typeof smtpMailer>;
  const ids: Record<string, { id: number; unsubscribeToken: string }> = {};
  const visitor = () => ({ ...h.as('visitor'), actor: { platform: 'api' as const, id: 'status-page', name: 'visitor' } });
  const alice = () => ({ ...h.as('alice'), emailUpdates: true });
  const target = () => emailSubscriberTarget(createEmailDeliveries(database.db), mailer, () => ({ ...site(), languages: [...site().languages] }));

  const subscribe = async (address: string, extra: { language?: 'en' | 'pt-BR'; timeZone?: string } = {}) => {
    const { subscriber } = await requestEmailSubscription(visitor(), { address, ...extra });
    await confirmEmailSubscription(visitor(), { token: subscriber.confirmToken });
    ids[address] = subscriber;
  };
  const jobs = async (publicationId: number): Promise<Record<string, DeliveryJob>> => {
    const rows = await database.db.prisma.delivery.findMany({ where: { publicationId, target: { startsWith: 'email:' } } });
    const byAddress = Object.fromEntries(Object.entries(ids).map(([address, s]) => [`email:${s.id}`, address]));
    return Object.fromEntries(rows.map((row) => [byAddress[row.target]!, { ...row, attempts: row.attempts }]));
  };
  const publish = async (status: 'investigating' | 'identified', text: string) => {
    await draftPublicUpdate(alice(), { status, text });
    return (await approveDraft(alice(), {})).publication.id;
  };
  const failure = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => error as Error,
    );

  beforeAll(async () => {
    h = await harness(database.db);
    smtp = await startSmtpServer();
    mailer = smtpMailer({ url: smtp.url, from: 'Take Blip Status <status@example.test>', fromAddress: 'status@example.test' });
    await subscribe('ana@example.com', { language: 'pt-BR' });
    await subscribe('bob@example.com', { timeZone: 'UTC' });
    await subscribe('gone@example.com');
    await subscribe('busy@example.com');
    await subscribe('late@example.com');
    await declareIncident(alice(), { title: 'CRM & Core <slow>', components: ['CRM'] });
    await setComponents(alice(), { changes: [{ name: 'CRM', state: 'major_outage' }] });
  });
  afterAll(async () => {
    mailer?.close();
    await smtp?.close();
  });

  test('an update reaches each subscriber in their language and zone, with unsubscribe headers and a stable Message-ID', async () => {
    const publicationId = await publish('investigating', 'We are investigating.\n\nMore soon.');
    const pending = await jobs(publicationId);
    await target().deliver(pending['ana@example.com']!);
    await target().deliver(pending['bob@example.com']!);

    const [ana] = smtp.to('ana@example.com');
    expect(ana!.subject).toBe('[Investigando] CRM & Core <slow>');
    expect(ana!.from!.text).toBe('"Take Blip Status" <status@example.test>');
    expect(ana!.text).toBe(
      [
        'CRM & Core <slow>',
        '',
        'Investigando - We are investigating.',
        '',
        'More soon.',
        '',
        'Alterações nos componentes',
        '• CRM: Operacional → Interrupção grave',
        '',
        'Publicado 15 set 2021 - 10:50 GMT-03:00',
        'Este incidente afetou: Take Blip Platform (CRM)',
        '',
        'Ver o incidente: http://status.example.test/incidents/INC-1?lang=pt-BR',
        '',
        '-- ',
        'Você recebe esta mensagem porque se inscreveu nas atualizações de Take Blip Status.',
        `Cancelar inscrição: http://status.example.test/unsubscribe/${ids['ana@example.com']!.unsubscribeToken}?lang=pt-BR`,
        '',
      ].join('\n'),
    );
    expect(ana!.html).toContain('<h1>CRM &amp; Core &lt;slow&gt;</h1>');
    expect(ana!.html).toContain('<a href="http://status.example.test/incidents/INC-1?lang=pt-BR">Ver o incidente</a>');
    expect(ana!.messageId).toBe(`<publication-${publicationId}-email.${ids['ana@example.com']!.id}@example.test>`);
    expect(ana!.inReplyTo).toBeUndefined();
    expect(header(ana!, 'list-unsubscribe')).toBe(`<http://status.example.test/unsubscribe/${ids['ana@example.com']!.unsubscribeToken}?lang=pt-BR>`);
    expect(header(ana!, 'list-unsubscribe-post')).toBe('List-Unsubscribe=One-Click');
    expect(ana!.date).toEqual(new Date('2021-09-15T13:50:00Z'));

    const [bob] = smtp.to('bob@example.com');
    expect(bob!.subject).toBe('[Investigating] CRM & Core <slow>');
    expect(bob!.text).toContain('Posted Sep 15, 2021 - 13:50 GMT+00:00');
    expect(bob!.text).toContain('View the incident: http://status.example.test/incidents/INC-1?tz=UTC');

    const sent = await database.db.prisma.delivery.findUniqueOrThrow({ where: { id: pending['ana@example.com']!.id } });
    expect(sent.externalId).toBe(ana!.messageId);
    // Recorded as sent: a later attempt (after a crash before the worker recorded it) sends nothing again.
    await target().deliver({ ...pending['ana@example.com']!, externalId: sent.externalId, attempts: 1 });
    expect(smtp.to('ana@example.com')).toHaveLength(1);
  });

  test('a later update answers the first one, so mail clients thread them', async () => {
    const first = (await jobs((await database.db.prisma.publication.findFirstOrThrow({ orderBy: { id: 'asc' } })).id))['ana@example.com']!;
    const publicationId = await publish('identified', 'Found the cause.');
    await target().deliver((await jobs(publicationId))['ana@example.com']!);
    const [, second] = smtp.to('ana@example.com');
    const root = `<publication-${first.publicationId}-email.${ids['ana@example.com']!.id}@example.test>`;
    expect(second!.subject).toBe('[Identificado] CRM & Core <slow>');
    expect(second!.inReplyTo).toBe(root);
    expect([second!.references].flat()).toEqual([root]);
  });

  test('550 from the mail server is permanent; 451 and an unreachable server are retried', async () => {
    smtp.refuse('gone@example.com', 550, 'Mailbox unavailable for gone@example.com');
    smtp.refuse('busy@example.com', 451, 'Try again later');
    const pending = await jobs((await database.db.prisma.publication.findFirstOrThrow({ orderBy: { id: 'desc' } })).id);

    const gone = await failure(target().deliver(pending['gone@example.com']!));
    expect(gone).toBeInstanceOf(PermanentDeliveryError);
    expect(gone!.message).toBe('refused by the mail server: 550 Mailbox unavailable for g***@example.com');

    const busy = await failure(target().deliver(pending['busy@example.com']!));
    expect(busy).toBeInstanceOf(Error);
    expect(busy).not.toBeInstanceOf(PermanentDeliveryError);
    expect(busy!.message).toBe('mail server: 451 Try again later');

    const nowhere = smtpMailer({ url: 'smtp://127.0.0.1:1', from: 'status@example.test', fromAddress: 'status@example.test' });
    const down = await failure(
      emailSubscriberTarget(createEmailDeliveries(database.db), nowhere, () => ({ ...site(), languages: ['en'] })).deliver(pending['busy@example.com']!),
    );
    nowhere.close();
    expect(down).toBeInstanceOf(Error);
    expect(down).not.toBeInstanceOf(PermanentDeliveryError);
    expect(down!.message).toMatch(/^mail server: .*ECONNREFUSED/);

    smtp.accept('busy@example.com');
    await target().deliver(pending['busy@example.com']!);
    expect(smtp.to('busy@example.com')).toHaveLength(1);
    expect(smtp.to('gone@example.com')).toHaveLength(0);
  });

  test('a subscriber who unsubscribed after the approval gets nothing', async () => {
    const publicationId = await publish('identified', 'Deploying the fix.');
    const pending = await jobs(publicationId);
    await unsubscribeEmail(visitor(), { token: ids['late@example.com']!.unsubscribeToken });
    const before = smtp.received.length;
    await target().deliver(pending['late@example.com']!);
    expect(smtp.received.length).toBe(before);
    expect(smtp.to('late@example.com')).toHaveLength(0);
  });
});
