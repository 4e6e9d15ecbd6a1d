import type { KnownBlock } from '@slack/types';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { renderTimeline } from '../../src/chat/render/timeline.ts';
import { limitViolations } from '../../src/chat/slack/blocks/limits.ts';
import { CrisisError } from '../../src/domain/errors.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { addNote } from '../../src/services/incident/add-note.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { setReportSection } from '../../src/services/report/report-drafts.ts';
import { sectionLimit } from '../../src/domain/report.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { getTimeline } from '../../src/services/queries.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { atomNs, childrenNamed, parseXml } from '../status-page/xml.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { dumpAll } from '../support/services.ts';
import { type Shape, codePoints, firstRefused, typed } from '../support/typed-text.ts';
import { textAfter, fromCardText, fromMrkdwn, fromTeamsHtml, htmlElements, htmlText, onlyText, tagged, textOf } from '../support/surfaces.ts';
import { type TypedTextWorld, typedTextWorld } from '../support/typed-text-world.ts';

/** A Slack block's text, wherever the block keeps it (a context block in its elements). */
const blockText = (block: KnownBlock) => {
  const { text, elements } = block as { text?: { text: string }; elements?: { text?: string }[] };
  return text?.text ?? (elements ?? []).map((element) => element.text ?? '').join('');
};

/** The update's own sections in a Slack message: after `from`, up to the context block saying when it was posted. */
function slackBody(blocks: KnownBlock[], from: number): string {
  const end = blocks.findIndex((block, i) => i > from && block.type === 'context');
  if (from < 0 || end < 0) throw new Error('no update laid out in these blocks');
  return fromMrkdwn(
    textAfter(
      '*Investigating* - ',
      blocks
        .slice(from + 1, end)
        .map(blockText)
        .join(''),
    ),
  );
}

describe.each(databaseKinds)('text typed is kept exactly everywhere, or refused with its reason, on %s', (kind) => {
  const database = useDatabase(kind);
  let w: TypedTextWorld;
  beforeAll(async () => {
    w = await typedTextWorld(database.db);
  });
  afterAll(() => w?.close());

  /** Runs the step when the rule keeps the text; otherwise checks it is refused, naming the character and where, with nothing stored. */
  async function keptOrRefused<T>(text: string, field: string, shape: Shape, step: () => Promise<T>): Promise<T | undefined> {
    const fault = firstRefused(text.trim(), shape);
    if (!fault) return step();
    const before = await dumpAll(database.db);
    const error: unknown = await step().then(
      () => undefined,
      (thrown: unknown) => thrown,
    );
    expect(error).toBeInstanceOf(CrisisError);
    const hex = fault.codePoint.toString(16).toUpperCase().padStart(4, '0');
    expect((error as Error).message).toMatch(new RegExp(`^The ${field} has U\\+${hex} .* at character ${fault.position}: `));
    expect(await dumpAll(database.db)).toBe(before);
    return undefined;
  }

  /** Each surface, read back by its own documented escaping, holds the title and the body code point for code point. */
  async function expectEverywhere(ids: { incident: number; publication: number; draftRow: number }, title: string, body: string) {
    const ref = `INC-${ids.incident}`;
    const same = (actual: string | undefined, expected: string) => expect(codePoints(actual ?? '')).toEqual(codePoints(expected));

    const page = await w.get(`/incidents/${ref}`);
    same(onlyText(page, tagged('h1', 'incident-title')), title);
    same(onlyText(page, tagged('title')), `${ref} ${title} · Take Blip Status`);
    same(onlyText(page, tagged('p', 'update-body')), `Investigating - ${body}`);
    const [onHome] = htmlElements(await w.get('/'), (e) => e.name === 'article' && e.attribs.id === ref);
    same(onlyText(onHome!, tagged('h3', 'incident-title')), title);

    const api = JSON.parse(await w.get('/api/v2/incidents.json')) as { incidents: { id: string; name: string; incident_updates: { body: string }[] }[] };
    const json = api.incidents.find((i) => i.id === ref)!;
    same(json.name, title);
    same(json.incident_updates[0]!.body, body);

    const entryId = `${w.h.config.publicBaseUrl}/incidents/${ref}#update-${ids.publication}`;
    const atom = childrenNamed(parseXml(await w.get('/history.atom')), atomNs, 'entry').find((e) => childrenNamed(e, atomNs, 'id')[0]?.text === entryId)!;
    same(htmlText(childrenNamed(atom, atomNs, 'title')[0]!.text), `${ref} · ${title} · Investigating`);
    same(htmlText(childrenNamed(atom, atomNs, 'summary')[0]!.text), body);
    const rss = parseXml(await w.get('/history.rss'))
      .children[0]!.children.filter((e) => e.local === 'item')
      .find((e) => e.children.find((c) => c.local === 'guid')?.text === entryId)!;
    same(htmlText(rss.children.find((c) => c.local === 'title')!.text), `${ref} · ${title} · Investigating`);
    same(htmlText(rss.children.find((c) => c.local === 'description')!.text), body);

    const hook = JSON.parse(w.receiver.received.at(-1)!.body) as { data: { incident: { name: string }; update: { body: string } } };
    same(hook.data.incident.name, title);
    same(hook.data.update.body, body);

    const mail = w.smtp.received.at(-1)!.mail;
    same(mail.subject, `[Investigating] ${title}`);
    same(textAfter(`${title}\n\nInvestigating - `, mail.text ?? '').split('\n\nPosted ')[0], body);
    same(onlyText(mail.html || '', tagged('h1')), title);
    same(
      htmlElements(mail.html || '', tagged('p', 'update-body'))
        .map(textOf)
        .join(''),
      `Investigating - ${body}`,
    );

    const post = w.slack.messages(w.slackChannel).at(-1)!;
    const blocks = post.blocks as KnownBlock[];
    same(blockText(blocks[0]!), title);
    same(fromMrkdwn(post.text.replace(/ - Investigating$/, '')), title);
    same(
      slackBody(
        blocks,
        blocks.findIndex((b) => b.type === 'divider'),
      ),
      body,
    );

    const teams = w.connector.received.at(-1)!.body.text as string;
    same(fromTeamsHtml(textAfter('<b>', teams).split('</b>')[0]!), title);
    same(fromTeamsHtml(textAfter('<b>Investigating</b> - ', teams.split('<hr>')[1]!).replace(/<br>Posted [^<]*$/, '')), body);

    const cards = await w.cards(ids.draftRow);
    const fields = (cards.slack.blocks[1] as { fields: { text: string }[] }).fields;
    same(fromMrkdwn(textAfter('*Incident*\n', fields[0]!.text)), title);
    same(
      slackBody(
        cards.slack.blocks,
        cards.slack.blocks.findIndex((b) => blockText(b).startsWith('Customers reading')),
      ),
      body,
    );
    expect(limitViolations(cards.slack.blocks)).toEqual([]);
    const card = cards.teams.body as { type: string; facts?: { title: string; value: string }[]; items?: { text: string }[] }[];
    same(fromCardText(card.find((e) => e.type === 'FactSet')!.facts!.find((f) => f.title === 'Incident')!.value), title);
    same(fromCardText(textAfter('**Investigating** - ', card.find((e) => e.type === 'Container')!.items![0]!.text)), body);
  }

  /** A section of the incident report on the incident page (its paragraphs, joined) and in the API, within Statuspage's postmortem. */
  async function expectReportSection(incident: number, body: string) {
    const ref = `INC-${incident}`;
    const [section] = htmlElements(await w.get(`/incidents/${ref}`), tagged('div', 'report-happened'));
    const paragraphs = htmlElements(section!, (e) => e.name === 'p');
    expect(codePoints(paragraphs.map(textOf).join(''))).toEqual(codePoints(body));
    const api = JSON.parse(await w.get('/api/v2/incidents.json')) as { incidents: { id: string; postmortem_body?: string }[] };
    const postmortem = api.incidents.find((i) => i.id === ref)!.postmortem_body ?? '';
    expect(postmortem.includes(`\n\nWhat happened\n${body}\n\n`), JSON.stringify(postmortem)).toBe(true);
  }

  test('declared, noted, drafted and approved: every output shows exactly what was typed', async () => {
    const alice = () => w.as('alice');
    await fc.assert(
      fc.asyncProperty(typed('line', 6), typed('prose', 10), typed('prose', 10), async (title, note, body) => {
        const incident = await keptOrRefused(title, 'title', 'line', () => declareIncident(alice(), { title, components: ['CRM'] }));
        if (!incident) return;
        const noted = await keptOrRefused(note, 'note', 'prose', () => addNote(alice(), { incident: incident.id, text: note }));
        const drafted = await keptOrRefused(body, 'public update', 'prose', () =>
          draftPublicUpdate(alice(), { incident: incident.id, status: 'investigating', text: body }),
        );
        const entries = (await getTimeline(alice(), { incident: incident.id })).entries;
        expect(entries[0]!.text).toBe(`INC-${incident.id} declared by alice: ${title.trim()} (SEV3) affecting CRM`);
        if (noted) expect(entries.find((e) => e.kind === 'note')!.text).toBe(note.trim());
        // In the timeline as chat shows it, the note ends its entry: the next one starts a line with its #, or nothing follows.
        const shown = renderTimeline(await getTimeline(alice(), { incident: incident.id }), 'UTC');
        if (noted) expect(shown.includes(` alice: ${note.trim()}\n#`) || shown.endsWith(` alice: ${note.trim()}`)).toBe(true);
        if (!drafted) return;
        expect(entries.at(-1)!.text).toBe(`Public update D1 drafted (investigating): ${body.trim()}`);
        const { publication } = await approveDraft(alice(), { incident: incident.id, draft: drafted.draft.number });
        await w.deliver(publication.id);
        await expectEverywhere({ incident: incident.id, publication: publication.id, draftRow: drafted.draft.id }, title.trim(), body.trim());
        // The same text as a section of the incident report, whose paragraphs the incident page lays out.
        await resolveIncident(alice(), { incident: incident.id });
        // A section holds less than an update may: a longer text is refused, as the incident-report suite shows.
        if (body.trim().length > sectionLimit) return;
        const report = await setReportSection(alice(), { incident: incident.id, section: 'happened', text: body });
        // The report's way to customers is report-everywhere.test.ts's: here it is read where its text is laid out, the page and the API.
        await w.deliver((await approveDraft(alice(), { incident: incident.id, draft: report.draft.number })).publication.id, []);
        await expectReportSection(incident.id, body.trim());
      }),
      { numRuns: 25 },
    );
  });
});
