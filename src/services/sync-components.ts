import type { Database } from '../db/client.ts';
import type { AppConfig } from '../config.ts';
import type { Clock } from '../time/clock.ts';

/**
 * Makes the component rows match the configuration's list (names, groups, order). A component
 * removed from the configuration keeps its row, so past incidents still name it, but leaves the page.
 */
export async function syncComponents(db: Database, clock: Clock, components: AppConfig['components']): Promise<void> {
  const now = clock.now();
  const wanted = components.flatMap((group) => group.items.map((name) => ({ name, groupName: group.group ?? null })));
  await db.transaction(async (tx) => {
    for (const [position, component] of wanted.entries()) {
      await tx.component.upsert({
        where: { name: component.name },
        create: { ...component, position, createdAt: now, updatedAt: now },
        update: { groupName: component.groupName, position },
      });
    }
  });
}
