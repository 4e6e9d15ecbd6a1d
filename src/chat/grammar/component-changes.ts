import { componentStates, type ComponentState } from '../../domain/component.ts';
import { canonical, quoteCharacters } from './tokenize.ts';

/** A name and a state as written; the state is canonical when it was recognised. */
export interface WrittenChange {
  name: string;
  state: string;
}

const aliases = new Map<string, ComponentState>([
  ['ok', 'operational'],
  ['degraded', 'degraded_performance'],
  ['partial', 'partial_outage'],
  ['outage', 'major_outage'],
  ['major', 'major_outage'],
  ['maintenance', 'under_maintenance'],
]);

/**
 * One name=state pair. An unquoted name may hold spaces, so it runs up to the "=" but never across a
 * comma; a quoted name may hold anything but its quotes. The state is one word.
 */
const pairPattern = new RegExp(
  `(?:[${quoteCharacters}]([^${quoteCharacters}]+)[${quoteCharacters}]` + `|([^\\s,=${quoteCharacters}][^,=]*?))\\s*=\\s*([^\\s,]+)`,
  'g',
);

/** degraded, Degraded-Performance and degraded_performance all mean degraded_performance. */
export function stateOf(word: string): string {
  const key = word.toLowerCase().replaceAll('-', '_');
  return aliases.get(key) ?? canonical(key, componentStates) ?? word;
}

/** The first piece of text between pairs that is more than separators. */
function strayText(between: string): string | undefined {
  return between
    .split(',')
    .map((piece) => piece.trim())
    .find(Boolean);
}

function repeatedName(changes: WrittenChange[]): string | undefined {
  const seen = new Set<string>();
  for (const { name } of changes) {
    const key = name.trim().toLowerCase();
    if (seen.has(key)) return name.trim();
    seen.add(key);
  }
  return undefined;
}

/** `Artificial Intelligence=degraded, "Cloud Infrastructure"=outage Core=ok` → three changes. */
export function componentChanges(text: string): { ok: true; changes: WrittenChange[] } | { ok: false; error: string } {
  const changes: WrittenChange[] = [];
  let from = 0;
  for (const match of text.matchAll(pairPattern)) {
    const stray = strayText(text.slice(from, match.index));
    if (stray) return { ok: false, error: `Expected <name>=<state>, got "${stray}".` };
    changes.push({ name: match[1] ?? match[2] ?? '', state: stateOf(match[3] ?? '') });
    from = match.index + match[0].length;
  }
  const stray = strayText(text.slice(from));
  if (stray) return { ok: false, error: `Expected <name>=<state>, got "${stray}".` };
  // Two states for one component in one command is a mistake to catch, not a race to settle.
  const repeated = repeatedName(changes);
  if (repeated) return { ok: false, error: `Component "${repeated}" is given twice.` };
  return { ok: true, changes };
}
