import { Feed } from 'feed';
import { incidentId } from '../domain/incident.ts';
import type { Language } from '../i18n/languages.ts';
import { messages, type Messages } from '../i18n/messages.ts';
import { formatPosted } from '../time/format.ts';
import { layoutComponents, type PageEntry } from '../domain/public-page/component-groups.ts';
import { escapeHtml } from './html/escape.ts';
import { lastChanged } from '../domain/public-page/page-status.ts';
import { affectedLine } from './html/incidents.ts';
import type { PublicIncident, PublicSnapshot, PublicUpdate } from '../domain/public-page/snapshot.ts';
import { reportBlocks, versionFor } from '../domain/report.ts';
import { shippedTemplates } from '../i18n/report-templates.ts';

export const atomFeedPath = '/history.atom';
export const rssFeedPath = '/history.rss';

/** Feed readers poll often and show recent news; 50 updates covers weeks of incidents in a few kB. */
export const feedEntryLimit = 50;

export interface FeedRenderOptions {
  lang: Language;
}

/** Atom 1.0 (RFC 4287): one entry per published update and per incident report, newest first. */
export function historyAtom(snapshot: PublicSnapshot, options: FeedRenderOptions): string {
  return buildFeed(snapshot, options).atom1();
}

/** RSS 2.0 with the same entries as the Atom feed, for readers that only speak RSS. */
export function historyRss(snapshot: PublicSnapshot, options: FeedRenderOptions): string {
  return buildFeed(snapshot, options).rss2();
}

/** One entry: an update, or an incident's report (`update` null), with the instant it was published. */
interface Entry {
  incident: PublicIncident;
  update: PublicUpdate | null;
  at: Date;
}

/**
 * The latest updates and reports across all incidents; equal instants fall back to the update id
 * (a report after its incident's updates) so the order is stable.
 */
function latestEntries(snapshot: PublicSnapshot, limit = feedEntryLimit): Entry[] {
  const order = (entry: Entry) => entry.update?.id ?? Number.MAX_SAFE_INTEGER;
  return snapshot.incidents
    .flatMap((incident) => [
      ...incident.updates.map((update) => ({ incident, update, at: update.publishedAt })),
      ...(incident.report ? [{ incident, update: null, at: incident.report.publishedAt }] : []),
    ])
    .sort((a, b) => b.at.getTime() - a.at.getTime() || order(b) - order(a) || b.incident.number - a.incident.number)
    .slice(0, limit);
}

function buildFeed(snapshot: PublicSnapshot, { lang }: FeedRenderOptions): Feed {
  const { page } = snapshot;
  const text = messages(lang);
  const layout = layoutComponents(snapshot.components);
  const entries = latestEntries(snapshot);
  const feed = new Feed({
    id: `${page.url}${atomFeedPath}`,
    title: page.name,
    description: page.name,
    link: page.url,
    language: lang,
    // The library falls back to the machine's clock; the data's own instants keep the feed byte-stable.
    updated: entries[0]?.at ?? lastChanged(snapshot),
    feedLinks: { atom: `${page.url}${atomFeedPath}`, rss: `${page.url}${rssFeedPath}` },
    // Atom requires an author on the feed unless every entry has one; the page speaks for itself.
    author: { name: page.name, link: page.url },
    generator: 'crisisroom',
  });
  for (const { incident, update, at } of entries) {
    const id = incidentId(incident.number);
    const link = `${page.url}/incidents/${id}`;
    if (update === null) {
      feed.addItem(reportItem(snapshot, incident, { lang, zone: page.timeZone, text, layout }, at, link));
      continue;
    }
    feed.addItem({
      // The library writes titles and content as type="html" inside CDATA and closes CDATA only on the
      // first "]]>": escaping here makes the text display literally and keeps any "]]>" out of the XML.
      title: escapeHtml(`${id} · ${incident.title} · ${text.incidentStatus[update.status]}`),
      id: `${link}#update-${update.id}`,
      link,
      date: update.publishedAt,
      published: update.publishedAt,
      // Readers that show only a summary (RSS <description>, Atom <summary>) still get the update's words.
      description: bodyParagraph(update.body),
      content: entryContent(incident, update, { lang, zone: page.timeZone, text, layout }),
    });
  }
  return feed;
}

/** The incident's report as an entry: in the feed's language where it is written in it, each section under its title. */
function reportItem(snapshot: PublicSnapshot, incident: PublicIncident, view: ContentView, at: Date, link: string) {
  const report = incident.report!;
  const version = versionFor(report.sections ?? {}, view.lang, snapshot.page.languages);
  const blocks = version
    ? reportBlocks(version.sections, snapshot.page.reportTitles?.[version.lang] ?? shippedTemplates[version.lang].titles)
    : [{ section: 'happened' as const, title: null, text: report.body }];
  const content = blocks.map((block) => `${block.title ? `<h2>${escapeHtml(block.title)}</h2>\n` : ''}${bodyParagraph(block.text)}`);
  content.push(`<p>${escapeHtml(view.text.posted)} ${escapeHtml(formatPosted(at, view.zone, view.lang))}</p>`);
  const first = blocks.find((block) => block.section === 'happened') ?? blocks[0];
  return {
    title: escapeHtml(`${incidentId(incident.number)} · ${incident.title} · ${view.text.incidentReport}`),
    id: `${link}#report-${at.getTime()}`,
    link: `${link}#report`,
    date: at,
    published: at,
    description: bodyParagraph(first?.text ?? report.body),
    content: content.join('\n'),
  };
}

interface ContentView {
  lang: Language;
  zone: string;
  text: Messages;
  layout: readonly PageEntry[];
}

/** The update as HTML: its status and body, when it was posted, and which components it touched. */
function entryContent(incident: PublicIncident, update: PublicUpdate, view: ContentView): string {
  const { text } = view;
  const html = [
    `<p><strong>${escapeHtml(text.incidentStatus[update.status])}</strong> - ${withBreaks(update.body)}</p>`,
    `<p>${escapeHtml(text.posted)} ${escapeHtml(formatPosted(update.publishedAt, view.zone, view.lang))}</p>`,
  ];
  if (update.affectedComponents.length > 0) {
    const changes = update.affectedComponents
      .map((change) => `${change.name}: ${text.componentState[change.oldStatus]} → ${text.componentState[change.newStatus]}`)
      .join('; ');
    html.push(`<p>${escapeHtml(text.componentChanges)}: ${escapeHtml(changes)}</p>`);
  }
  const affected = affectedLine(incident, view);
  if (affected) html.push(`<p>${escapeHtml(text.thisIncidentAffected)}: ${escapeHtml(affected)}</p>`);
  return html.join('\n');
}

/** Readers ignore the page's stylesheet (white-space: pre-line), so line breaks become <br>. */
function withBreaks(text: string): string {
  return escapeHtml(text).replace(/\r?\n/g, '<br>\n');
}

function bodyParagraph(text: string): string {
  return `<p>${withBreaks(text)}</p>`;
}
