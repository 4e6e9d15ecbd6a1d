import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { signingSecrets } from '../../src/domain/webhook-secrets.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { confirmEmailSubscription, requestEmailSubscription } from '../../src/services/subscription/email-subscribers.ts';
import { webhookHeaders } from '../fakes/webhooks/receiver.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type TypedTextWorld, typedTextWorld } from '../support/typed-text-world.ts';

const happened = { en: 'One server clock jumped to 2022.\n\nRecords were stamped with the wrong year.', 'pt-BR': 'O relógio de um servidor pulou para 2022.' };

describe.each(databaseKinds)('an approved incident report, everywhere a customer looks, on %s', (kind) => {
  const database = useDatabase(kind);
  let w: TypedTextWorld;
  let reportId: number;

  beforeAll(async () => {
    w = await typedTextWorld(database.db);
    const visitor = { ...w.h.as('visitor'), actor: { platform: 'api' as const, id: 'status-page', name: 'visitor' } };
    const { subscriber } = await requestEmailSubscription(visitor, { address: 'leitora@example.com', language: 'pt-BR', timeZone: 'America/Sao_Paulo' });
    await confirmEmailSubscription(visitor, { token: subscriber.confirmToken });
    const alice = () => w.as('alice');
    const { id } = await declareIncident(alice(), { title: 'Messages are not being delivered', severity: 1, components: ['CRM'] });
    await draftPublicUpdate(alice(), { incident: id, status: 'investigating', text: 'We are investigating.' });
    await w.deliver((await approveDraft(alice(), { incident: id })).publication.id);
    await resolveIncident(alice(), { incident: id, text: 'Messages flow again.' });
    await w.deliver((await approveDraft(alice(), { incident: id })).publication.id);
    await setReportSection(alice(), { incident: id, section: 'happened', text: happened.en });
    await setReportSection(alice(), { incident: id, section: 'happened', lang: 'pt-BR', text: happened['pt-BR'] });
    w.h.clock.advance(60_000);
    const { publication } = await approveDraft(alice(), { incident: id });
    reportId = publication.id;
    await w.deliver(reportId);
  });
  afterAll(async () => w?.close());

  test('each e-mail subscriber receives it whole, in their language, in the thread of the incident’s mails', async () => {
    const [first, , report] = w.smtp.to('reader@example.com');
    expect(report!.subject).toBe('[Incident report] Messages are not being delivered');
    expect(report!.text).toContain(`What happened\n${happened.en}\n\nHow this issue impacted you`);
    expect(report!.html).toContain('<h2>What happened</h2>');
    expect(report!.inReplyTo).toBe(first!.messageId);
    const pt = w.smtp.to('leitora@example.com').at(-1)!;
    expect(pt.subject).toBe('[Relatório do incidente] Messages are not being delivered');
    expect(pt.text).toContain(`O que aconteceu\n${happened['pt-BR']}`);
    expect(pt.text).toContain('/incidents/INC-1?lang=pt-BR#report');
  });

  test('each webhook gets incident.report_published, signed, with every language the report is written in', async () => {
    const message = w.receiver.received.at(-1)!;
    const endpoint = await database.db.prisma.webhookEndpoint.findFirstOrThrow();
    const [secret] = signingSecrets(endpoint.secrets, w.h.clock.now());
    // Signed as Standard Webhooks signs (the clock here is 2021's, too old for verify()'s tolerance): the same signature, recomputed.
    const headers = webhookHeaders(message);
    const at = new Date(Number(headers['webhook-timestamp']) * 1000);
    expect(headers['webhook-signature']!.split(' ')).toContain(new Webhook(secret!).sign(headers['webhook-id']!, at, message.body));
    expect(at).toEqual(w.h.clock.now());
    const payload = JSON.parse(message.body) as {
      type: string;
      data: {
        incident: { id: string };
        report: { url: string; body: string; languages: Record<string, { sections: { section: string; title: string | null; text: string }[]; text: string }> };
      };
    };
    expect(payload.type).toBe('incident.report_published');
    expect(payload.data.incident.id).toBe('INC-1');
    expect(payload.data.report.url).toMatch(/\/incidents\/INC-1#report$/);
    expect(Object.keys(payload.data.report.languages)).toEqual(['en', 'pt-BR']);
    expect(payload.data.report.languages['pt-BR']!.sections.find((s) => s.section === 'happened')).toEqual({
      section: 'happened',
      title: 'O que aconteceu',
      text: happened['pt-BR'],
    });
    expect(payload.data.report.body).toBe(payload.data.report.languages.en!.text);
  });

  test('the feeds get an entry of their own, linking to the report on the page, in the feed’s language', async () => {
    const atom = await w.get('/history.atom');
    expect(atom).toContain('INC-1 · Messages are not being delivered · Incident report');
    expect(atom).toMatch(/<link href="[^"]*\/incidents\/INC-1#report"/);
    const rss = await w.get('/history.rss?lang=pt-BR');
    expect(rss).toContain('INC-1 · Messages are not being delivered · Relatório do incidente');
    expect(rss).toContain('O relógio de um servidor pulou para 2022.');
  });

  test('each customer channel is told in its thread, and its post of the incident still shows the resolution', async () => {
    const post = w.slack.messages(w.slackChannel).find((m) => !m.thread_ts)!;
    const replies = w.slack.replies(w.slackChannel, post.ts);
    expect(JSON.stringify(replies.at(-1)!.blocks)).toContain('*Incident report* - One server clock jumped to 2022.');
    expect(JSON.stringify(post.blocks)).toContain('*Resolved*');
    expect(JSON.stringify(post.blocks)).not.toContain('Incident report');
    const teams = w.connector.received.filter((r) => r.conversationId.startsWith('19:customers@thread.tacv2;messageid='));
    expect(String(teams.at(-1)!.body.text)).toContain('<b>Incident report</b> - One server clock jumped to 2022.');
    expect(await database.db.prisma.delivery.count({ where: { publicationId: reportId, target: { startsWith: 'parent:' } } })).toBe(0);
  });
});
