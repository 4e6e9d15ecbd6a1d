import type { Database } from '../db/client.ts';
import type { AppConfig } from '../config.ts';
import type { Clock } from '../time/clock.ts';

/**
 * Makes the component rows match the configuration's list (names, groups, order). A component
 * removed from the configuration keeps its row, so past incidents still name it, but leaves the page.
 *
 * A new row must carry its createdAt and updatedAt, so while the clock is not trusted no row is
 * created: the existing ones only get their group and order, which carry no time, and the names left
 * out are returned, for the caller to run this again once the clock is trusted.
 */
export async function syncComponents(db: Database, clock: Clock, components: AppConfig['components']): Promise<string[]> {
  const now = clock.trust().trusted ? clock.now() : null;
  const wanted = components.flatMap((group) => group.items.map((name) => ({ name, groupName: group.group ?? null })));
  return db.transaction(async (tx) => {
    const waiting: string[] = [];
    for (const [position, component] of wanted.entries()) {
      if (now) {
        await tx.component.upsert({
          where: { name: component.name },
          create: { ...component, position, createdAt: now, updatedAt: now },
          update: { groupName: component.groupName, position },
        });
        continue;
      }
      const { count } = await tx.component.updateMany({ where: { name: component.name }, data: { groupName: component.groupName, position } });
      if (count === 0) waiting.push(component.name);
    }
    return waiting;
  });
}
