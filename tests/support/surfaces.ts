// Reading text back from each surface crisisroom writes it to, by that surface's documented
// escaping, so a test can compare what comes out with what was typed, code point for code point.
import type { Element } from 'domhandler';
import { DomUtils, parseDocument } from 'htmlparser2';

/** The elements of an HTML document, fragment or element that match, in document order, as an HTML parser reads them. */
export function htmlElements(html: string | Element, match: (element: Element) => boolean): Element[] {
  return DomUtils.findAll(match, typeof html === 'string' ? parseDocument(html).children : html.children);
}

/** The text of an HTML fragment (a feed's type="html" title or summary), as a reader rendering it holds it. */
export function htmlText(html: string): string {
  return DomUtils.textContent(parseDocument(html));
}

/** Whether an element has that tag name and, when given, that class. */
export const tagged = (name: string, className?: string) => (element: Element) =>
  element.name === name && (className === undefined || (DomUtils.getAttributeValue(element, 'class') ?? '').split(' ').includes(className));

/**
 * An element's text as a browser's DOM holds it: every entity decoded. A `<br>` adds nothing: where
 * crisisroom writes one, the line break it shows follows it in the text.
 */
export function textOf(element: Element): string {
  return DomUtils.textContent(element);
}

/** The text of the only element that matches; fails when there is not exactly one. */
export function onlyText(html: string | Element, match: (element: Element) => boolean): string {
  const found = htmlElements(html, match);
  if (found.length !== 1) throw new Error(`expected one matching element, found ${found.length}`);
  return textOf(found[0]!);
}

const slackEntities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>' };

/**
 * User text in Slack mrkdwn, read back as escapeMrkdwn documents it: one word joiner goes from after
 * each @ that starts a broadcast keyword, then `&amp;`, `&lt;` and `&gt;` are read.
 */
export function fromMrkdwn(text: string): string {
  return text.replace(/(?<![\w.+-])@\u2060(?=\u2060*(?:channel|here|everyone)\b)/gi, '@').replace(/&(?:amp|lt|gt);/g, (entity) => slackEntities[entity]!);
}

const htmlEntities: Record<string, string> = { '&amp;': '&', '&lt;': '<', '&gt;': '>', '&quot;': '"', '&#39;': "'" };

/** Text in a Teams message as teamsHtml writes it, read back: `<br>` is a line break, then the entities. */
export function fromTeamsHtml(html: string): string {
  return html.replaceAll('<br>', '\n').replace(/&(?:amp|lt|gt|quot|#39);/g, (entity) => htmlEntities[entity]!);
}

/** Text in an Adaptive Card TextBlock or Fact as cardText writes it, read back: each backslash escapes the character after it. */
export function fromCardText(text: string): string {
  return text.replace(/\\([\s\S])/g, '$1');
}

/** What follows `prefix` in `text`, failing when the text does not start with it. */
export function textAfter(prefix: string, text: string): string {
  if (!text.startsWith(prefix)) throw new Error(`expected ${JSON.stringify(text.slice(0, 80))} to start with ${JSON.stringify(prefix)}`);
  return text.slice(prefix.length);
}
