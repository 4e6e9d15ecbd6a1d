import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { briefingSummary, relateVerb, teamsBriefingCard } from '../../../src/chat/teams/cards/briefing-card.ts';
import type { getBriefing } from '../../../src/services/queries.ts';
import { type CardRenderer, openCardRenderer } from '../../support/adaptive-cards.ts';
import { chromiumAvailable } from '../../support/chromium.ts';

type Briefing = Awaited<ReturnType<typeof getBriefing>>;

const hasChromium = chromiumAvailable('rendering the Teams briefing card');
const statusPageUrl = 'https://status.example.com/incidents/INC-3';
const typed = '**bold** [link](https://evil.example) <at>Boss</at>';

// 14:00 UTC is 11:00 in São Paulo (UTC-3, no DST since 2019) and 19:30 in Kolkata (UTC+5:30).
const declaredAt = new Date('2021-09-13T14:00:00Z');
const now = new Date('2021-09-13T14:42:00Z');

/** An open SEV2 with two components, one public update out and one draft waiting: what getBriefing returns. */
function openBriefing(): Briefing {
  return {
    incident: {
      id: 3,
      title: 'Checkout failing',
      severity: 2,
      status: 'investigating',
      commanderId: 'teams:aad-alice',
      commanderName: 'Alice Silva',
      declaredAt,
      resolvedAt: null,
      impactStart: new Date('2021-09-13T13:50:00Z'),
      impactEnd: null,
      nextSeq: 7,
      nextDraftNo: 3,
      updatedAt: now,
      cadenceSnoozedUntil: null,
    },
    now,
    components: [
      { incidentId: 3, componentName: 'API', state: 'degraded' },
      { incidentId: 3, componentName: 'Payments', state: 'outage' },
    ],
    pendingDrafts: [
      {
        id: 12,
        incidentId: 3,
        number: 2,
        status: 'identified',
        body: 'A bad deploy of the payment gateway; rolling back.',
        componentChanges: [],
        authorId: 'teams:aad-bob',
        authorName: 'Bob Lima',
        createdAt: new Date('2021-09-13T14:35:00Z'),
        state: 'pending',
        decidedById: null,
        decidedByName: null,
        decidedAt: null,
        rejectReason: null,
        kind: 'update',
      },
    ],
    latestPublication: {
      id: 5,
      incidentId: 3,
      draftId: 11,
      status: 'investigating',
      body: 'Some customers cannot complete checkout. We are investigating.',
      impact: 'major',
      affectedComponents: '[]',
      publishedAt: new Date('2021-09-13T14:10:00Z'),
      kind: 'update',
    },
    roomWork: [],
    related: [],
    followUps: [],
    suggested: [],
    roles: [],
  };
}

function resolvedBriefing(): Briefing {
  const open = openBriefing();
  return {
    ...open,
    incident: { ...open.incident, status: 'resolved', resolvedAt: new Date('2021-09-13T15:48:00Z'), impactEnd: new Date('2021-09-13T15:40:00Z') },
    now: new Date('2021-09-13T16:00:00Z'),
    pendingDrafts: [],
  };
}

/** Everything a person typed carries Markdown and a mention. */
function typedBriefing(): Briefing {
  const open = openBriefing();
  return {
    ...open,
    incident: { ...open.incident, title: typed, commanderName: typed },
    components: [{ incidentId: 3, componentName: typed, state: 'outage' }],
    pendingDrafts: open.pendingDrafts.map((draft) => ({ ...draft, authorName: typed, body: typed })),
    latestPublication: { ...open.latestPublication!, body: typed },
  };
}

// A FactSet is laid out as a table: a fact's title and value are separated by whitespace in the text.
const factLine = (title: string, value: string) => new RegExp(`${title}\\s+${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`);

describe.skipIf(!hasChromium)('Teams briefing card, rendered as Teams renders it', () => {
  let renderer: CardRenderer;

  beforeAll(async () => {
    renderer = await openCardRenderer({ markdown: true });
  });

  afterAll(async () => {
    await renderer?.close();
  });

  test('an open incident renders cleanly with its facts, latest public update and pending draft', async () => {
    const rendered = await renderer.render(teamsBriefingCard(openBriefing(), 'America/Sao_Paulo', statusPageUrl));
    expect(rendered.problems).toEqual([]);
    const { text } = rendered;
    expect(text).toContain('INC-3: Checkout failing');
    expect(text).toMatch(factLine('Status', 'investigating'));
    expect(text).toMatch(factLine('Severity', 'SEV2 (major)'));
    expect(text).toMatch(factLine('Commander', 'Alice Silva'));
    expect(text).toMatch(factLine('Declared', '2021-09-13 11:00 GMT-03:00 (42 minutes ago)'));
    expect(text).not.toMatch(/Resolved/);
    expect(text).toMatch(factLine('Components', 'API (degraded), Payments (outage)'));
    expect(text).toMatch(factLine('Customer impact', '2021-09-13 10:50 GMT-03:00 → ongoing'));
    expect(text).toContain('Latest public update');
    expect(text).toContain('11:10 GMT-03:00');
    expect(text).toContain('Some customers cannot complete checkout. We are investigating.');
    expect(text).toContain('Awaiting approval');
    expect(text).toMatch(/D2 \(identified\) by Bob Lima/);
    expect(text).toContain('A bad deploy of the payment gateway; rolling back.');
  });

  test('times are shown in the zone given, with its offset', async () => {
    const { text, problems } = await renderer.render(teamsBriefingCard(openBriefing(), 'Asia/Kolkata', statusPageUrl));
    expect(problems).toEqual([]);
    expect(text).toMatch(factLine('Declared', '2021-09-13 19:30 GMT+05:30'));
    expect(text).not.toContain('GMT-03:00');
  });

  test('a resolved incident shows when it was resolved and after how long', async () => {
    const { text, problems } = await renderer.render(teamsBriefingCard(resolvedBriefing(), 'America/Sao_Paulo', statusPageUrl));
    expect(problems).toEqual([]);
    expect(text).toMatch(factLine('Status', 'resolved'));
    expect(text).toMatch(factLine('Resolved', '2021-09-13 12:48 GMT-03:00, after 1 h 48 min'));
    expect(text).toMatch(factLine('Declared', '2021-09-13 11:00 GMT-03:00 (about 2 hours ago)'));
    expect(text).toMatch(factLine('Customer impact', '2021-09-13 10:50 GMT-03:00 → 12:40 GMT-03:00'));
    expect(text).not.toContain('Awaiting approval');
  });

  test('an incident with nothing named, published or pending says so', async () => {
    const bare: Briefing = { ...openBriefing(), components: [], pendingDrafts: [], latestPublication: null };
    bare.incident = { ...bare.incident, impactStart: null };
    const { text, problems } = await renderer.render(teamsBriefingCard(bare, 'America/Sao_Paulo', statusPageUrl));
    expect(problems).toEqual([]);
    expect(text).toMatch(factLine('Components', 'none named'));
    expect(text).toMatch(factLine('Customer impact', 'not set'));
    expect(text).toMatch(/Latest public update:?\s+none published yet/);
    expect(text).not.toContain('Awaiting approval');
  });

  test('typed Markdown and mentions show as typed, and make no link', async () => {
    const rendered = await renderer.render(teamsBriefingCard(typedBriefing(), 'America/Sao_Paulo', statusPageUrl));
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain(`INC-3: ${typed}`);
    expect(rendered.text).toMatch(factLine('Commander', typed));
    expect(rendered.text).toMatch(factLine('Components', `${typed} (outage)`));
    expect(rendered.text).toContain(`by ${typed}`);
    // Title, commander, component, draft author and body, publication body: six times as typed.
    expect(rendered.text.split(typed).length - 1).toBe(6);
    // Rendered Markdown would have left "bold" and "link" without their marks; as typed, they keep them.
    expect(rendered.text).not.toMatch(/(^|[^*])bold(?!\*\*)/);
    expect(rendered.actions.map((action) => action.url)).toEqual([statusPageUrl]);
    expect(JSON.stringify(rendered.actions)).not.toContain('evil.example');
  });

  test('related incidents and open follow-ups are listed; each incident it may recur has an action relating it', async () => {
    const open = openBriefing();
    const briefing: Briefing = {
      ...open,
      related: [{ id: 1, title: 'Checkout slow', declaredAt: new Date('2021-09-01T12:00:00Z'), resolvedAt: null, kind: 'related', direction: 'outgoing' }],
      followUps: [
        {
          ...{ id: 4, incidentId: 3, text: typed, ownerId: 'teams:aad-bob', ownerName: 'Bob Lima', due: '2021-09-30', public: false, state: 'open' },
          ...{ createdById: 'teams:aad-alice', createdByName: 'Alice Silva', createdAt: now, doneAt: null, doneById: null, doneByName: null },
          ...{ trackerKind: null, trackerKey: null, trackerUrl: null, remindedOn: null },
        },
      ],
      suggested: [{ id: 2, title: 'Payments down', declaredAt: new Date('2021-09-10T12:00:00Z') }],
    };
    const rendered = await renderer.render(teamsBriefingCard(briefing, 'America/Sao_Paulo', statusPageUrl));
    expect(rendered.problems).toEqual([]);
    expect(rendered.text).toContain('related to INC-1 Checkout slow (declared 2021-09-01 09:00 GMT-03:00, open)');
    expect(rendered.text).toContain(`F4 ${typed} · owner Bob Lima · due 2021-09-30`);
    expect(rendered.text).toContain('INC-2 Payments down · declared 2021-09-10 09:00 GMT-03:00');
    expect(rendered.buttons).toEqual(['Relate as recurrence of INC-2', 'Status page']);
    expect(rendered.actions).toContainEqual(expect.objectContaining({ type: 'Action.Execute', verb: relateVerb, data: { incident: 3, related: 2 } }));
  });

  test('its one action opens the status page; nothing executes or refreshes', async () => {
    const rendered = await renderer.render(teamsBriefingCard(openBriefing(), 'America/Sao_Paulo', statusPageUrl));
    expect(rendered.actions).toEqual([{ type: 'Action.OpenUrl', title: 'Status page', url: statusPageUrl }]);
    expect(rendered.buttons).toEqual(['Status page']);
    expect(rendered.refresh).toBeNull();
  });
});

describe('briefingSummary', () => {
  test('says which incident, its status and severity in one line', () => {
    expect(briefingSummary(openBriefing())).toBe('INC-3 Checkout failing: investigating, SEV2');
    expect(briefingSummary(resolvedBriefing())).toBe('INC-3 Checkout failing: resolved, SEV2');
  });

  test('is plain text: a typed title is shown as typed, not Markdown-escaped', () => {
    expect(briefingSummary(typedBriefing())).toBe(`INC-3 ${typed}: investigating, SEV2`);
  });
});
