import { messages } from '../../i18n/messages.ts';
import type { PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { linkTo, renderDocument, type PageAddress, type PageOptions } from './document.ts';
import { escapeHtml } from './escape.ts';

/**
 * A page that only says something: not found (an unknown incident, a history page past the last one)
 * or unavailable. It keeps the site's header and footer, so the visitor can go home or switch language.
 */
export function renderMessagePage(snapshot: PublicSnapshot, options: PageOptions, parts: { title: string; message: string; address: PageAddress }): string {
  const text = messages(options.lang);
  const home = escapeHtml(linkTo(snapshot.page, options, { path: '/' }));
  const main = `<h1>${escapeHtml(parts.title)}</h1>
<p class="message">${escapeHtml(parts.message)}</p>
<p><a href="${home}">${escapeHtml(text.currentStatus)}</a></p>`;
  return renderDocument(snapshot.page, options, { title: `${parts.title} · ${snapshot.page.name}`, address: parts.address, home: false, main });
}
