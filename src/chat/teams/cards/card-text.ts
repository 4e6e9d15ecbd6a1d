import type { IAdaptiveCard, IFact, ITextBlock } from '@microsoft/teams.cards';

/** The newest Adaptive Card schema Teams renders on every client. */
const cardVersion = '1.5';

/** What Teams shows above an Adaptive Card attachment, and the content type it is sent as. */
export const cardContentType = 'application/vnd.microsoft.card.adaptive' as const;

// Teams reads TextBlock and Fact text as Markdown: these characters could make emphasis, a link, a
// heading or a code span out of what someone typed. `<` and `>` are escaped too, so text typed as
// `<at>Name</at>` stays text, and `&`, so a typed `&lt;` is not read as an entity.
const inlineMarkup = /[\\`*_[\]<>~|#&]/g;
// At a line's start these open a list, a numbered list (a digit cannot be escaped: its `.` or `)` is) or,
// under a line, make it a heading (`===`, `---`).
const lineStartMarkup = /^(\s*(?:\d+)?)([-+=]|(?<=\d)[.)])/gm;

/**
 * Text as typed, for a TextBlock or a Fact: every Markdown character is backslash-escaped, so user
 * text never becomes a link, a mention or formatting. A bare address stays visible as typed.
 */
export function cardText(text: string): string {
  return text.replace(inlineMarkup, (char) => `\\${char}`).replace(lineStartMarkup, (_, space: string, mark: string) => `${space}\\${mark}`);
}

/** A TextBlock that wraps; `text` is already escaped (or crisisroom's own Markdown). */
export function textBlock(text: string, options: Omit<ITextBlock, 'type' | 'text'> = {}): ITextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function fact(title: string, value: string): IFact {
  return { title, value };
}

/** An Adaptive Card of the version Teams renders. */
export function adaptiveCard(card: Omit<IAdaptiveCard, 'type' | 'version'>): IAdaptiveCard {
  return { type: 'AdaptiveCard', version: cardVersion, ...card };
}

/** A message attachment holding the card, as the Bot Connector sends it. */
export function cardAttachment(card: IAdaptiveCard) {
  return { contentType: cardContentType, content: card };
}
