import { subscriptionMessages } from '../../i18n/subscription-messages.ts';
import type { PublicSnapshot } from '../../domain/public-page/snapshot.ts';
import { linkTo, renderDocument, type PageOptions } from './document.ts';
import { escapeHtml } from './escape.ts';

/**
 * The home page's "Subscribe to updates" form. It posts to /subscribe with the visitor's language and
 * zone in the address, so the subscription reads its mails as the visitor read the page.
 */
export function renderSubscribeForm(snapshot: PublicSnapshot, options: PageOptions): string {
  const text = subscriptionMessages(options.lang);
  const action = escapeHtml(linkTo(snapshot.page, options, { path: '/subscribe' }));
  const boxes = snapshot.components
    .map(
      (component, index) =>
        `<li><input type="checkbox" id="subscribe-component-${index}" name="components" value="${escapeHtml(component.name)}"> <label for="subscribe-component-${index}">${escapeHtml(component.name)}</label></li>`,
    )
    .join('\n');
  const components =
    snapshot.components.length > 0
      ? `<fieldset class="subscribe-components">
<legend>${escapeHtml(text.componentsLegend)}</legend>
<ul>
${boxes}
</ul>
</fieldset>`
      : '';
  return `<section class="subscribe" aria-labelledby="subscribe-title">
<h2 id="subscribe-title">${escapeHtml(text.subscribeTitle)}</h2>
<p class="section-note">${escapeHtml(text.subscribeIntro)}</p>
<form class="subscribe-form" method="post" action="${action}">
<p class="subscribe-address"><label for="subscribe-email">${escapeHtml(text.emailLabel)}</label>
<input id="subscribe-email" name="email" type="email" required maxlength="254" autocomplete="email" spellcheck="false"></p>
${components}
<p><button type="submit">${escapeHtml(text.subscribeButton)}</button></p>
</form>
</section>`;
}

export interface SubscribePageParts {
  title: string;
  /** Paragraphs of plain text. */
  paragraphs: string[];
  /** The page's own path (token pages post back to it). */
  path: string;
  /** A button that posts to the page's own path, for the steps a mail scanner following links must not take. */
  button?: string;
}

/** The pages of subscribing, confirming and unsubscribing: one message, and at most one button. */
export function renderSubscribePage(snapshot: PublicSnapshot, options: PageOptions, parts: SubscribePageParts): string {
  const home = escapeHtml(linkTo(snapshot.page, options, { path: '/' }));
  const button = parts.button
    ? `<form class="subscribe-form" method="post" action="${escapeHtml(linkTo(snapshot.page, options, { path: parts.path }))}">
<p><button type="submit">${escapeHtml(parts.button)}</button></p>
</form>`
    : '';
  const main = `<h1>${escapeHtml(parts.title)}</h1>
${parts.paragraphs.map((paragraph) => `<p class="message">${escapeHtml(paragraph)}</p>`).join('\n')}
${button}
<p><a href="${home}">${escapeHtml(snapshot.page.name)}</a></p>`;
  // The address holds a secret token: the footer's language and zone links must not carry it around.
  return renderDocument(snapshot.page, options, { title: `${parts.title} · ${snapshot.page.name}`, address: { path: '/' }, home: false, main });
}
