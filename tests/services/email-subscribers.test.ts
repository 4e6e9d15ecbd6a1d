import { beforeAll, describe, expect, test } from 'vitest';
import { CrisisError } from '../../src/domain/errors.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import {
  confirmEmailSubscription,
  findSubscriptionToConfirm,
  findSubscriptionToEnd,
  requestEmailSubscription,
  unsubscribeEmail,
} from '../../src/services/subscription/email-subscribers.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

describe.each(databaseKinds)('e-mail subscribers on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const visitor = () => ({ ...h.as('visitor'), actor: { platform: 'api' as const, id: 'status-page', name: 'status page visitor' } });
  const row = (address: string) => database.db.prisma.emailSubscriber.findUniqueOrThrow({ where: { address } });
  const refusal = (work: Promise<unknown>) =>
    work.then(
      () => null,
      (error: unknown) => (error instanceof CrisisError ? `${error.code}: ${error.message}` : error),
    );

  beforeAll(async () => {
    h = await harness(database.db);
  });

  test('a new address is pending with random tokens and the page default language and zone, until confirmed', async () => {
    const { subscriber, mail } = await requestEmailSubscription(visitor(), { address: '  Ana@Example.COM ', components: ['crm'] });
    expect(mail).toBe('confirm');
    expect(subscriber).toMatchObject({
      address: 'ana@example.com',
      components: '["CRM"]',
      language: 'en',
      timeZone: 'America/Sao_Paulo',
      confirmedAt: null,
      unsubscribedAt: null,
    });
    expect(subscriber.confirmToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(subscriber.unsubscribeToken).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(subscriber.confirmToken).not.toBe(subscriber.unsubscribeToken);
    expect(await findSubscriptionToConfirm(visitor(), subscriber.confirmToken)).toEqual({
      address: 'ana@example.com',
      components: ['CRM'],
      language: 'en',
      timeZone: 'America/Sao_Paulo',
      state: 'pending',
    });

    h.clock.advance(60_000);
    const confirmed = await confirmEmailSubscription(visitor(), { token: subscriber.confirmToken });
    expect(confirmed.state).toBe('confirmed');
    expect((await row('ana@example.com')).confirmedAt).toEqual(h.clock.now());
    // Confirming twice changes nothing and writes no second audit row.
    await confirmEmailSubscription(visitor(), { token: subscriber.confirmToken });
    const audit = await database.db.prisma.auditLog.findMany({ where: { action: 'email_subscriber_confirmed' } });
    expect(audit).toHaveLength(1);
    expect(JSON.parse(audit[0]!.detail)).toEqual({ subscriberId: subscriber.id, components: ['CRM'], language: 'en', timeZone: 'America/Sao_Paulo' });
    expect(audit[0]!.detail).not.toContain('ana@');
  });

  test('bad input is refused with a specific message and stores nothing', async () => {
    const before = await database.db.prisma.emailSubscriber.count();
    expect(await refusal(requestEmailSubscription(visitor(), { address: 'not-an-address' }))).toBe('invalid_input: address: not an e-mail address');
    expect(await refusal(requestEmailSubscription(visitor(), { address: 'bo@example.com', components: ['Billing'] }))).toMatch(
      /^invalid_input: Unknown component "Billing"/,
    );
    expect(await refusal(requestEmailSubscription(visitor(), { address: 'bo@example.com', timeZone: 'Mars/Olympus' }))).toBe(
      'invalid_input: timeZone: not an IANA time zone',
    );
    expect(await database.db.prisma.emailSubscriber.count()).toBe(before);
  });

  test('asking again for a confirmed address changes nothing: its owner is reminded', async () => {
    const before = await row('ana@example.com');
    const { subscriber, mail } = await requestEmailSubscription(visitor(), { address: 'ana@example.com', language: 'es', timeZone: 'UTC' });
    expect(mail).toBe('already-subscribed');
    expect(await row('ana@example.com')).toEqual(before);
    expect(subscriber.unsubscribeToken).toBe(before.unsubscribeToken);
  });

  test('a pending address asked for again gets the new settings and a new link; the old one stops working', async () => {
    const first = await requestEmailSubscription(visitor(), { address: 'caio@example.com', language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    const second = await requestEmailSubscription(visitor(), { address: 'caio@example.com', language: 'es', timeZone: 'Europe/Madrid', components: ['Core'] });
    expect(second.mail).toBe('confirm');
    expect(second.subscriber).toMatchObject({ id: first.subscriber.id, language: 'es', timeZone: 'Europe/Madrid', components: '["Core"]' });
    expect(await findSubscriptionToConfirm(visitor(), first.subscriber.confirmToken)).toBeNull();
    expect(await refusal(confirmEmailSubscription(visitor(), { token: first.subscriber.confirmToken }))).toMatch(/^not_found: This link is not valid/);
  });

  test('a confirmation link expires a week after the request', async () => {
    const { subscriber } = await requestEmailSubscription(visitor(), { address: 'late@example.com' });
    h.clock.advance(7 * 24 * 60 * 60 * 1000 + 1000);
    expect(await findSubscriptionToConfirm(visitor(), subscriber.confirmToken)).toBeNull();
    expect(await refusal(confirmEmailSubscription(visitor(), { token: subscriber.confirmToken }))).toMatch(/^not_found/);
  });

  test('unknown and malformed tokens are not valid links', async () => {
    expect(await findSubscriptionToEnd(visitor(), 'x'.repeat(32))).toBeNull();
    expect(await findSubscriptionToEnd(visitor(), '../../etc')).toBeNull();
    expect(await refusal(unsubscribeEmail(visitor(), { token: 'nope' }))).toMatch(/^not_found/);
  });

  test('publications fan out to confirmed subscribers whose components cover the incident, and only with e-mail configured', async () => {
    const { subscriber: all } = await requestEmailSubscription(visitor(), { address: 'all@example.com' });
    await confirmEmailSubscription(visitor(), { token: all.confirmToken });
    const { subscriber: core } = await requestEmailSubscription(visitor(), { address: 'core@example.com', components: ['Core'] });
    await confirmEmailSubscription(visitor(), { token: core.confirmToken });
    await requestEmailSubscription(visitor(), { address: 'pending@example.com' });
    const ana = await row('ana@example.com');

    const alice = { ...h.as('alice'), emailUpdates: true };
    const incident = await declareIncident(alice, { title: 'CRM is slow', components: ['CRM'] });
    await draftPublicUpdate(alice, { incident: incident.id, status: 'investigating', text: 'Looking into it.' });
    const { publication } = await approveDraft(alice, { incident: incident.id });
    const targets = (await database.db.prisma.delivery.findMany({ where: { publicationId: publication.id }, orderBy: { id: 'asc' } })).map((d) => d.target);
    expect(targets).toEqual(['status-page', `email:${ana.id}`, `email:${all.id}`]);
    expect((await database.db.prisma.delivery.findFirstOrThrow({ where: { target: `email:${all.id}` } })).idempotencyKey).toBe(
      `publication-${publication.id}-email:${all.id}`,
    );

    // Without a mail server nobody is mailed; with one, the report reaches the subscribers its updates reached.
    await draftPublicUpdate(h.as('alice'), { incident: incident.id, status: 'identified', text: 'Found it.' });
    const quiet = await approveDraft(h.as('alice'), { incident: incident.id });
    expect((await database.db.prisma.delivery.findMany({ where: { publicationId: quiet.publication.id } })).map((d) => d.target)).toEqual(['status-page']);
    await resolveIncident(alice, { incident: incident.id, text: 'Fixed.' });
    await approveDraft(alice, { incident: incident.id });
    await setReportSection(alice, { incident: incident.id, section: 'happened', text: 'What happened.' });
    const report = await approveDraft(alice, { incident: incident.id });
    expect(
      (await database.db.prisma.delivery.findMany({ where: { publicationId: report.publication.id }, orderBy: { id: 'asc' } })).map((d) => d.target),
    ).toEqual(['status-page', `email:${ana.id}`, `email:${all.id}`]);
  });

  test('unsubscribing stops the mails, kills the old confirmation link, and asking again needs a new confirmation', async () => {
    const ana = await row('ana@example.com');
    expect(await findSubscriptionToEnd(visitor(), ana.unsubscribeToken)).toMatchObject({ address: 'ana@example.com', state: 'confirmed' });
    h.clock.advance(1000);
    expect((await unsubscribeEmail(visitor(), { token: ana.unsubscribeToken })).state).toBe('unsubscribed');
    await unsubscribeEmail(visitor(), { token: ana.unsubscribeToken });
    expect((await row('ana@example.com')).unsubscribedAt).toEqual(h.clock.now());
    expect(await database.db.prisma.auditLog.count({ where: { action: 'email_subscriber_unsubscribed' } })).toBe(1);
    expect(await refusal(confirmEmailSubscription(visitor(), { token: ana.confirmToken }))).toMatch(/^not_found/);

    const alice = { ...h.as('alice'), emailUpdates: true };
    const incident = await declareIncident(alice, { title: 'Core is down', components: ['Core'] });
    await draftPublicUpdate(alice, { incident: incident.id, status: 'investigating', text: 'Down.' });
    const { publication } = await approveDraft(alice, { incident: incident.id });
    const targets = (await database.db.prisma.delivery.findMany({ where: { publicationId: publication.id } })).map((d) => d.target);
    expect(targets).not.toContain(`email:${ana.id}`);
    expect(targets.filter((t) => t.startsWith('email:'))).toHaveLength(2);

    const again = await requestEmailSubscription(visitor(), { address: 'ana@example.com' });
    expect(again.mail).toBe('confirm');
    expect(again.subscriber).toMatchObject({ confirmedAt: null, unsubscribedAt: null, unsubscribeToken: ana.unsubscribeToken });
    expect(again.subscriber.confirmToken).not.toBe(ana.confirmToken);
  });
});
