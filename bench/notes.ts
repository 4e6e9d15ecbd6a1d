import type { Database } from '../src/db/client.ts';

/**
 * Looks for the notes of acknowledged `/incident note INC-1 …` commands on the timeline (which
 * keeps a note's text without the verb and incident): how many are missing, how many are there
 * more than once, and how many notes are there that no acknowledgement named.
 */
export async function acknowledgedNotes(db: Database, commands: readonly string[]) {
  const notes = await db.prisma.timelineEntry.findMany({ where: { kind: 'note' }, select: { text: true } });
  const count = new Map<string, number>();
  for (const { text } of notes) count.set(text, (count.get(text) ?? 0) + 1);
  const acknowledged = new Set(commands.map((command) => command.replace(/^note INC-1 /, '')));
  const missing = [...acknowledged].filter((note) => !count.has(note)).length;
  return {
    recorded: acknowledged.size - missing,
    missing,
    doubled: [...count.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0),
    unacknowledged: [...count.keys()].filter((note) => !acknowledged.has(note)).length,
  };
}
