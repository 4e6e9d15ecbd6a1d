import { beforeAll, describe, expect, test } from 'vitest';
import { handleCommand } from '../../src/chat/handle-command.ts';
import type { Ctx } from '../../src/services/context.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { editDraft } from '../../src/services/draft/edit-draft.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { getTimeline } from '../../src/services/queries.ts';
import { draftReport, previewReport, setReportSection } from '../../src/services/report/report-drafts.ts';
import { incidentsJson } from '../../src/status-page/statuspage-json.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { subscribeChannel } from '../../src/services/subscription/subscriptions.ts';
import { type Harness, dumpAll, harness, takeBlipConfig } from '../support/services.ts';

/** Instants of the seed's story, written as the report writes them (São Paulo, -03:00). */
const at = (local: string) => new Date(`${local}-03:00`);

describe.each(databaseKinds)('the incident report of the seed, drafted from the record, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const say = (ctx: Ctx, line: string) => handleCommand({ ctx, resolveUser: async (token) => ({ id: token, name: token }), log: () => {} }, line);
  const alice = () => h.as('alice');

  /** An incident declared, told to customers, and resolved, at the times given. */
  async function pastIncident(title: string, declared: string, resolved: string) {
    h.clock.set(at(declared));
    await say(alice(), `declare ${title} --sev 2 --components CRM`);
    await say(alice(), 'public investigating We are investigating.');
    await say(alice(), 'approve');
    h.clock.set(at(resolved));
    await say(alice(), 'resolve Fixed.');
    await say(alice(), 'approve');
  }

  beforeAll(async () => {
    h = await harness(database.db, {}, at('2021-09-11T09:00'));
    await pastIncident('Emergency maintenance on the messaging servers', '2021-09-11T09:00', '2021-09-11T10:00');
    await pastIncident('Degraded message delivery', '2021-09-13T11:00', '2021-09-13T12:00');
    // An internal incident, never shown to customers: the report must not name it.
    h.clock.set(at('2021-09-14T08:00'));
    await say(alice(), 'declare Internal tooling hiccup --sev 4');
    await say(alice(), 'resolve');
    await say(alice(), 'reject Nothing for customers to hear.');

    h.clock.set(at('2021-09-15T10:50'));
    await say(alice(), 'declare Messages are not being delivered --sev 1 --components "CRM, Portal"');
    await say(alice(), 'note --key We identified a server whose clock had jumped to 2022.');
    h.clock.set(at('2021-09-15T11:22'));
    await say(alice(), 'public investigating We are investigating failures in message exchange.');
    await say(alice(), 'approve');
    h.clock.set(at('2021-09-15T12:30'));
    await say(alice(), 'note The server clock was corrected and the affected records identified.');
    await say(alice(), 'key #5');
    h.clock.set(at('2021-09-15T14:20'));
    await say(alice(), 'note --key Messages with the wrong year began to be reprocessed.');
    await say(alice(), 'note Lunch order placed.');
    h.clock.set(at('2021-09-15T15:20'));
    await say(alice(), 'impact 10:50 15:20');
    await say(alice(), 'resolve The Blip Portal and Blip Desk are working again.');
    await say(alice(), 'approve');
    await say(alice(), 'relate INC-4 INC-1 recurrence');
    // Without an id, the incident this person worked on latest: INC-4 still, though INC-1's timeline was written too.
    expect(await say(alice(), 'relate INC-2')).toMatch(/^INC-4 is related to INC-2/);
    await say(alice(), 'relate INC-4 INC-3');
    expect(await say(alice(), 'followup add INC-4 Monitor the clocks of every server against several time sources. --public')).toMatch(
      /^Follow-up F1 added to INC-4/,
    );
    await say(alice(), 'followup done F1');
    await say(alice(), 'followup add INC-4 Refuse to stamp records while a server clock is unverified. --due 2021-10-15 --public');
    await say(alice(), 'followup add INC-4 Rotate the on-call schedule.');
    expect(await database.db.prisma.followUp.count({ where: { incidentId: 4 } })).toBe(3);
  });

  test('the timeline marks key moments, and a mark changes no entry', async () => {
    const { entries } = await getTimeline(alice(), { incident: 4 });
    expect(entries.filter((e) => e.key).map((e) => e.seq)).toEqual([2, 5, 6]);
    expect(await say(alice(), 'key INC-4 #5')).toBe('INC-4 #5 already was a key moment.');
    expect(await say(alice(), 'unkey INC-4 #7')).toBe('INC-4 #7 was not a key moment.');
    expect(await say(alice(), 'key INC-4 #99')).toBe('INC-4 has no timeline entry #99.');
  });

  test('is refused before the resolution, changing nothing', async () => {
    h.clock.set(at('2021-09-15T15:30'));
    await say(alice(), 'declare Still open');
    const before = await dumpAll(database.db);
    await expect(draftReport(alice(), { incident: 5 })).rejects.toThrow('INC-5 is not resolved yet: the incident report comes after the resolution.');
    expect(await dumpAll(database.db)).toBe(before);
  });

  test('is drafted from the record in each page language, every time with its offset', async () => {
    h.clock.set(at('2021-09-21T14:00'));
    const reply = await say(alice(), 'report INC-4');
    expect(reply).toContain('Drafted incident report D3 for INC-4 from the record, in en and pt-BR.');
    // Every section has something to say from the record: none is left empty.
    expect(reply).not.toContain('still empty');
    const en = (await previewReport(alice(), { incident: 4, lang: 'en' })).text;
    expect(en).toBe(
      [
        'Hello,\n\nThis is our report on the incident of September 15, 2021: Messages are not being delivered.',
        'What happened\nOn September 15, 2021 we had an incident: Messages are not being delivered. It is related to earlier incidents: Emergency maintenance on the messaging servers (September 11, 2021) and Degraded message delivery (September 13, 2021).',
        'How this issue impacted you\nFrom Sep 15, 2021 - 10:50 GMT-03:00 to 15:20 GMT-03:00 (4 h 30 min), customers were affected. Affected: CRM and Portal.',
        [
          'What we did to solve it',
          '- 10:50 GMT-03:00: We identified a server whose clock had jumped to 2022.',
          '- 11:22 GMT-03:00: We are investigating failures in message exchange.',
          '- 12:30 GMT-03:00: The server clock was corrected and the affected records identified.',
          '- 14:20 GMT-03:00: Messages with the wrong year began to be reprocessed.',
          '- 15:20 GMT-03:00: The Blip Portal and Blip Desk are working again.',
        ].join('\n'),
        'Where we are now\nThe Blip Portal and Blip Desk are working again.',
        [
          'What we will do so that it does not happen again',
          '- Monitor the clocks of every server against several time sources. (done)',
          '- Refuse to stamp records while a server clock is unverified. (planned by Oct 15, 2021)',
        ].join('\n'),
        'We are sorry for the trouble this caused you, and we thank you for your patience.\n\nTake Blip Status',
      ].join('\n\n'),
    );
    const pt = (await previewReport(alice(), { incident: 4, lang: 'pt-BR' })).text;
    expect(pt).toContain('O que aconteceu\nEm 15 de setembro de 2021 tivemos um incidente: Messages are not being delivered.');
    expect(pt).toContain('Emergency maintenance on the messaging servers (11 de setembro de 2021) e Degraded message delivery (13 de setembro de 2021)');
    expect(pt).toContain('De 15 set 2021 - 10:50 GMT-03:00 até 15:20 GMT-03:00 (4 h 30 min), os clientes foram afetados. Afetados: CRM e Portal.');
    expect(pt).toContain('- 12:30 GMT-03:00: The server clock was corrected');
    expect(pt).toContain('(previsto até 15 out 2021)');
    expect(pt).not.toContain('Internal tooling');
    expect(pt).not.toContain('Rotate the on-call');
    expect(pt).not.toContain('Lunch');
    // Asked again, the pending draft is the same one.
    expect(await say(alice(), 'report INC-4')).toContain('Incident report D3 for INC-4 is the pending draft');
  });

  test('is written section by section in each language, and cannot be rewritten as one text', async () => {
    const pt = 'Em 15 de setembro, um servidor teve o relógio adiantado para 2022 -- e registros foram gravados com o ano errado.';
    expect(await say(alice(), `report INC-4 happened --lang pt-br ${pt}`)).toBe(
      'Wrote happened (pt-BR) of incident report D3 for INC-4. Preview: /incident report INC-4 preview --lang pt-BR',
    );
    expect((await previewReport(alice(), { incident: 4, lang: 'pt-BR' })).text).toContain(`O que aconteceu\n${pt}`);
    // The body is the default language's, which the pt-BR section does not touch.
    const draft = await database.db.prisma.publicDraft.findFirstOrThrow({ where: { incidentId: 4, number: 3 } });
    expect(draft.body).toBe((await previewReport(alice(), { incident: 4, lang: 'en' })).text);
    await expect(setReportSection(alice(), { incident: 4, section: 'happened', lang: 'es', text: 'Hola.' })).rejects.toThrow(
      'The status page is not in es: a report has a version in each of its languages (en, pt-BR).',
    );
    await expect(setReportSection(alice(), { incident: 4, section: 'happened', text: 'x'.repeat(3001) })).rejects.toThrow(
      "A report section holds at most 3000 characters, as a field of Slack's form does (this one has 3001).",
    );
    expect(await say(alice(), 'report INC-4 cause It was the clock.')).toContain('report takes a section before its text');
    await expect(editDraft(alice(), { incident: 4, draft: 3, status: 'resolved', text: 'All in one.' })).rejects.toThrow(
      'Incident report D3 is written section by section: /incident report INC-4 <section> [--lang …] <text>.',
    );
    const { entries } = await getTimeline(alice(), { incident: 4 });
    expect(entries.at(-1)!.text).toBe(`Incident report D3: happened (pt-BR) written by alice: ${pt}`);
  });

  test('approved, the page shows it in the reader’s language with its sections, and the API as the postmortem', async () => {
    h.clock.set(at('2021-09-21T14:34'));
    await approveDraft(alice(), { incident: 4, draft: 3 });
    const snapshot = await loadPublicSnapshot(database.db, h.clock, h.config);
    const incident = snapshot.incidents.find((i) => i.number === 4)!;
    expect(Object.keys(incident.report!.sections!)).toEqual(['en', 'pt-BR']);
    const [json] = incidentsJson(snapshot).incidents.filter((i) => i.name === 'Messages are not being delivered');
    expect(json).toMatchObject({ status: 'postmortem', postmortem_published_at: '2021-09-21T14:34:00.000-03:00' });
    expect(json!.postmortem_body).toBe((await previewReport(alice(), { incident: 4, lang: 'en' })).text);
  });
});

describe.each(databaseKinds)('where an approved report goes, on %s', (kind) => {
  const database = useDatabase(kind);

  test.each([
    [true, ['status-page', 'channel:1']],
    [false, ['status-page']],
  ])('with reports.customerChannels %s: %j, and never an edit of a channel’s post', async (customerChannels, targets) => {
    const h = await harness(database.db, { reports: { customerChannels, templates: {} }, slack: { ...takeBlipConfig.slack, admins: ['UADMIN'] } });
    await subscribeChannel(h.as('admin', { platform: 'slack', id: 'UADMIN' }), { channelId: 'C1', channelName: 'customers' });
    const alice = h.as('alice');
    const { id } = await declareIncident(alice, { title: 'Degraded performance on the BLiP', severity: 2, components: ['CRM'] });
    await draftPublicUpdate(alice, { incident: id, status: 'investigating', text: 'We are investigating.' });
    await approveDraft(alice, { incident: id });
    await resolveIncident(alice, { incident: id, text: 'Fixed.' });
    await approveDraft(alice, { incident: id });
    await setReportSection(alice, { incident: id, section: 'happened', text: 'A cache node failed.' });
    const { publication } = await approveDraft(alice, { incident: id });
    const rows = await database.db.prisma.delivery.findMany({ where: { publicationId: publication.id }, orderBy: { id: 'asc' } });
    expect(rows.map((row) => row.target)).toEqual(targets);
  });
});
