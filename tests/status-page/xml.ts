import sax from 'sax';

export const atomNs = 'http://www.w3.org/2005/Atom';
export const contentNs = 'http://purl.org/rss/1.0/modules/content/';

/** An element with its resolved namespace URI, as a namespace-aware XML reader sees it. */
export interface XmlElement {
  uri: string;
  local: string;
  attributes: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside the element, concatenated. */
  text: string;
}

/**
 * Parses with sax in strict, namespace-aware mode: any well-formedness or namespace error (an
 * undeclared prefix, a stray `&`, a broken CDATA section) throws instead of being repaired.
 */
export function parseXml(xml: string): XmlElement {
  const parser = sax.parser(true, { xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  parser.onerror = (error) => {
    throw error;
  };
  parser.onopentag = (tag) => {
    const node = tag as sax.QualifiedTag;
    const attributes: Record<string, string> = {};
    for (const attribute of Object.values(node.attributes)) {
      if (attribute.prefix !== 'xmlns' && attribute.name !== 'xmlns') attributes[attribute.name] = attribute.value;
    }
    const element: XmlElement = { uri: node.uri, local: node.local, attributes, children: [], text: '' };
    stack.at(-1)?.children.push(element);
    root ??= element;
    stack.push(element);
  };
  const addText = (text: string) => {
    const current = stack.at(-1);
    if (current) current.text += text;
  };
  parser.ontext = addText;
  parser.oncdata = addText;
  parser.onclosetag = () => {
    stack.pop();
  };
  parser.write(xml).close();
  if (!root) throw new Error('no root element');
  return root;
}

/** The children in namespace `uri` named `local`. */
export function childrenNamed(element: XmlElement, uri: string, local: string): XmlElement[] {
  return element.children.filter((child) => child.uri === uri && child.local === local);
}

/** Decodes the entities that escapeHtml writes, as a feed reader rendering type="html" text does. */
export function htmlToText(html: string): string {
  return html
    .replace(/<br>\n?/g, '\n')
    .replace(/<[^>]+>/g, '')
    .replace(/&(lt|gt|quot|#39|amp);/g, (_, name: string) => ({ lt: '<', gt: '>', quot: '"', '#39': "'", amp: '&' })[name] ?? '');
}
