import { beforeAll, describe, expect, test } from 'vitest';
import type { Resolver } from '../../src/net/outbound-address.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { signingSecrets } from '../../src/domain/webhook-secrets.ts';
import { addWebhook, listWebhooks, removeWebhook, rotateWebhookSecret } from '../../src/services/webhook/webhooks.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, dumpAll, harness, takeBlipConfig } from '../support/services.ts';

const admin = 'U024BE7LH';
/** Public names for the service to check; these tests never connect anywhere. */
const dns: Resolver = async (host) => {
  if (host === 'intranet.example.test') return [{ address: '10.20.30.40', family: 4 }];
  return [{ address: '93.184.216.34', family: 4 }];
};

describe.each(databaseKinds)('webhook endpoints on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const asAdmin = () => h.as('Ana', { platform: 'slack', id: admin });
  const endpoints = () => database.db.prisma.webhookEndpoint.findMany({ orderBy: { id: 'asc' } });
  const audits = async (action: string) =>
    (await database.db.prisma.auditLog.findMany({ where: { action }, orderBy: { id: 'asc' } })).map((row) => ({ ...row, detail: JSON.parse(row.detail) }));

  beforeAll(async () => {
    h = await harness(database.db, { slack: { ...takeBlipConfig.slack, admins: [admin] } });
  });

  test('an admin adds an endpoint: its secret is shown once and stored, never audited', async () => {
    const added = await addWebhook(asAdmin(), { url: 'https://Hooks.Example.test:443/crisisroom', components: ['crm'] }, dns);
    expect(added).toMatchObject({ id: 1, url: 'https://hooks.example.test/crisisroom', components: ['CRM'] });
    expect(added.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    const [row] = await endpoints();
    expect(row).toMatchObject({
      url: 'https://hooks.example.test/crisisroom',
      components: '["CRM"]',
      active: true,
      disabledReason: null,
      createdById: `slack:${admin}`,
    });
    expect(signingSecrets(row!.secrets, h.clock.now())).toEqual([added.secret]);
    const [audit] = await audits('webhook_added');
    expect(audit).toMatchObject({ actorId: `slack:${admin}`, actorName: 'Ana', platform: 'slack' });
    expect(audit!.detail).toEqual({ webhook: 1, url: 'https://hooks.example.test/crisisroom', components: ['CRM'] });
    expect(JSON.stringify(await database.db.prisma.auditLog.findMany())).not.toContain('whsec_');
  });

  test('refusals change nothing: not an admin, an address it must not reach, a URL already active, an unknown component', async () => {
    const before = await dumpAll(database.db);
    const count = (await endpoints()).length;
    await expect(addWebhook(h.as('mallory'), { url: 'https://hooks.example.test/other' }, dns)).rejects.toMatchObject({
      code: 'forbidden',
      message: 'Only crisisroom admins can manage webhooks (slack.admins in the configuration).',
    });
    await expect(addWebhook(asAdmin(), { url: 'https://intranet.example.test/hook' }, dns)).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'Refused: intranet.example.test resolves to 10.20.30.40, a private network address (RFC 1918); webhooks may only reach public addresses.',
    });
    await expect(addWebhook(asAdmin(), { url: 'https://169.254.169.254/latest/meta-data/' }, dns)).rejects.toThrow(
      'Refused: 169.254.169.254 is the cloud metadata service',
    );
    await expect(addWebhook(asAdmin(), { url: 'https://hooks.example.test/crisisroom' }, dns)).rejects.toMatchObject({
      code: 'conflict',
      message: 'W1 already delivers to https://hooks.example.test/crisisroom; use webhook rotate W1 for a new secret.',
    });
    await expect(addWebhook(asAdmin(), { url: 'https://hooks.example.test/x', components: ['Billing'] }, dns)).rejects.toThrow('Unknown component "Billing"');
    await expect(listWebhooks(h.as('mallory'))).rejects.toMatchObject({ code: 'forbidden' });
    await expect(rotateWebhookSecret(h.as('mallory'), { endpoint: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    await expect(removeWebhook(h.as('mallory'), { endpoint: 1 })).rejects.toMatchObject({ code: 'forbidden' });
    expect(await dumpAll(database.db)).toBe(before);
    expect(await endpoints()).toHaveLength(count);
  });

  test('rotation: the new secret signs at once, the previous one beside it for 24 hours, then alone', async () => {
    const [before] = await endpoints();
    const [first] = signingSecrets(before!.secrets, h.clock.now());
    const rotated = await rotateWebhookSecret(asAdmin(), { endpoint: 1 });
    expect(rotated.previousUntil.getTime() - h.clock.now().getTime()).toBe(24 * 60 * 60 * 1000);
    const [row] = await endpoints();
    expect(signingSecrets(row!.secrets, h.clock.now())).toEqual([rotated.secret, first]);
    expect(signingSecrets(row!.secrets, new Date(rotated.previousUntil.getTime() + 1))).toEqual([rotated.secret]);
    const [listed] = await listWebhooks(asAdmin());
    expect(listed).toEqual({
      id: 1,
      url: 'https://hooks.example.test/crisisroom',
      components: ['CRM'],
      active: true,
      disabledReason: null,
      signingSecrets: 2,
      rotationEndsAt: rotated.previousUntil,
    });
    expect(JSON.stringify(await listWebhooks(asAdmin()))).not.toContain('whsec_');
    expect((await audits('webhook_secret_rotated'))[0]!.detail).toEqual({
      webhook: 1,
      url: 'https://hooks.example.test/crisisroom',
      previousSecretUntil: rotated.previousUntil.toISOString(),
    });
  });

  test('updates and the incident report fan out to the interested active endpoints', async () => {
    await addWebhook(asAdmin(), { url: 'https://hooks.example.test/all' }, dns);
    await addWebhook(asAdmin(), { url: 'https://hooks.example.test/analytics', components: ['Analytics'] }, dns);
    await declareIncident(h.as('alice'), { title: 'Smart Contacts not exchanging messages', severity: 2, components: ['CRM'] });
    await draftPublicUpdate(h.as('alice'), { status: 'investigating', text: 'We are investigating.' });
    const { publication } = await approveDraft(h.as('alice'), {});
    const targets = async (publicationId: number) =>
      (await database.db.prisma.delivery.findMany({ where: { publicationId }, orderBy: { id: 'asc' } })).map((d) => [d.target, d.idempotencyKey]);
    expect(await targets(publication.id)).toEqual([
      ['status-page', `publication-${publication.id}-status-page`],
      ['webhook:1', `publication-${publication.id}-webhook:1`],
      ['webhook:2', `publication-${publication.id}-webhook:2`],
    ]);
    await resolveIncident(h.as('alice'), { text: 'Fixed.' });
    await approveDraft(h.as('alice'), {});
    await setReportSection(h.as('alice'), { incident: 1, section: 'happened', text: 'What happened.' });
    const report = await approveDraft(h.as('alice'), {});
    expect(await targets(report.publication.id)).toEqual([
      ['status-page', `publication-${report.publication.id}-status-page`],
      ['webhook:1', `publication-${report.publication.id}-webhook:1`],
      ['webhook:2', `publication-${report.publication.id}-webhook:2`],
    ]);
  });

  test('removing by id or by URL stops deliveries and keeps the row with its reason; adding again revives it with a new secret', async () => {
    expect(await removeWebhook(asAdmin(), { endpoint: 2 })).toEqual({ id: 2, url: 'https://hooks.example.test/all' });
    expect(await removeWebhook(asAdmin(), { endpoint: 'https://HOOKS.example.test/analytics' })).toEqual({
      id: 3,
      url: 'https://hooks.example.test/analytics',
    });
    await expect(removeWebhook(asAdmin(), { endpoint: 2 })).rejects.toMatchObject({
      code: 'not_found',
      message: 'No active webhook W2 (see /incident webhook list).',
    });
    await expect(rotateWebhookSecret(asAdmin(), { endpoint: 9 })).rejects.toThrow('No active webhook W9');
    const listed = await listWebhooks(asAdmin());
    expect(listed.map((w) => [w.id, w.active, w.disabledReason])).toEqual([
      [1, true, null],
      [2, false, 'removed by Ana'],
      [3, false, 'removed by Ana'],
    ]);
    expect((await audits('webhook_removed')).map((a) => a.detail)).toEqual([
      { webhook: 2, url: 'https://hooks.example.test/all' },
      { webhook: 3, url: 'https://hooks.example.test/analytics' },
    ]);
    const revived = await addWebhook(asAdmin(), { url: 'https://hooks.example.test/all' }, dns);
    expect(revived).toMatchObject({ id: 2, components: [] });
    const row = (await endpoints()).find((e) => e.id === 2)!;
    expect(row).toMatchObject({ active: true, disabledReason: null });
    expect(signingSecrets(row.secrets, h.clock.now())).toEqual([revived.secret]);
  });
});
