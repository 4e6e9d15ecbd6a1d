/**
 * User text in Slack mrkdwn. Slack reads `&`, `<` and `>` as control characters: `<!channel>` pings a
 * whole channel, `<@U123>` a person, and `<https://evil|bank.com>` shows one address while opening
 * another. Escaped as Slack documents, they are shown exactly as typed.
 *
 * Formatting characters (`*`, `_`, `~`, backticks) are left alone: the messages are laid out so that user
 * text never sits inside our own markers and never adds lines to ours, so formatting in it can only
 * restyle that same text, and ordinary text (snake_case names, "5 * 3", quotes) reads as written.
 */

const controls: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/**
 * A message posted with `link_names` or `parse: full` turns a bare @channel, @here or @everyone into
 * a broadcast. A word joiner after the @ is invisible, yet no parser sees the keyword any more. An @
 * inside a word, as in ops@here.com, is no mention and is left as it is. Word joiners typed there
 * already get one more, so the escaping is undone exactly by taking one word joiner away after such an @.
 */
const broadcast = /(?<![\w.+-])@(?=\u2060*(?:channel|here|everyone)\b)/gi;

export function escapeMrkdwn(text: string): string {
  return text.replace(/[&<>]/g, (character) => controls[character] ?? character).replace(broadcast, '@\u2060');
}

/**
 * For one-line values set among our own lines (titles, names, reasons): a line break in them could
 * forge a line that looks like ours, such as a fake "Approved by" line, so breaks become spaces.
 * Titles and reasons people type never have one (the text rule refuses it), so they show exactly as
 * typed; names come from a platform's profiles, and rows stored before the rule may still have one.
 */
export function escapeLine(text: string): string {
  return escapeMrkdwn(text.replace(/\s*[\r\n\u2028\u2029]+\s*/g, ' ').trim());
}

/**
 * A link to one of our own URLs. `|`, `<`, `>` and whitespace would end the URL early or change the
 * label, so they are percent-encoded; `&` is escaped like any other text.
 */
export function link(url: string, label: string): string {
  const safeUrl = url.replace(/[|<>\s]/g, (character) => encodeURIComponent(character)).replace(/&/g, '&amp;');
  return `<${safeUrl}|${escapeLine(label)}>`;
}

/** User and enterprise-grid ids; anything else is not an id Slack issued, so it is not trusted as one. */
const slackUserId = /^[UW][A-Z0-9]{2,}$/;

/**
 * A mention we generate ourselves from a known Slack id; without a well-formed id the person is
 * named instead, escaped like any user text.
 */
export function mention(person: { name: string; slackUserId?: string }): string {
  return person.slackUserId !== undefined && slackUserId.test(person.slackUserId) ? `<@${person.slackUserId}>` : escapeLine(person.name);
}
