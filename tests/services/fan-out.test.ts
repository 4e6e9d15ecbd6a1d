import { beforeAll, describe, expect, test } from 'vitest';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

/**
 * A channel's post of an incident is edited by a delivery of its own, "parent:<channel>". An update
 * has one only where there is, or will be, a post older than it to edit.
 */
describe.each(databaseKinds)('the targets of an approved update on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  let acme: number;
  let incident: number;

  const approve = async (text: string) => {
    await draftPublicUpdate(h.as('alice'), { incident, status: 'investigating', text });
    const { publication } = await approveDraft(h.as('alice'), { incident });
    return (await database.db.prisma.delivery.findMany({ where: { publicationId: publication.id }, orderBy: { id: 'asc' } })).map((d) => d.target);
  };

  beforeAll(async () => {
    h = await harness(database.db);
    const at = h.clock.now();
    acme = (
      await database.db.prisma.channelSubscription.create({
        data: {
          platform: 'slack',
          channelId: 'C0ACME',
          channelName: 'acme-status',
          components: '[]',
          language: 'en',
          timeZone: 'UTC',
          createdById: 'slack:U0ALICE',
          createdAt: at,
          updatedAt: at,
        },
      })
    ).id;
    incident = (await declareIncident(h.as('alice'), { title: 'Cache disconnections', severity: 2 })).id;
  });

  test('the first update makes the post itself, already showing it: nothing to edit', async () => {
    expect(await approve('We are investigating.')).toEqual(['status-page', `channel:${acme}`]);
  });

  test('a second update while the first post is still on its way edits the post once it exists', async () => {
    expect(await approve('Still investigating.')).toEqual(['status-page', `channel:${acme}`, `parent:${acme}`]);
  });

  test('once the post exists, every update edits it', async () => {
    await database.db.prisma.delivery.updateMany({ data: { state: 'delivered' } });
    await database.db.prisma.channelThread.create({ data: { subscriptionId: acme, incidentId: incident, parentMessageId: '1631712000.000100' } });
    expect(await approve('Identified.')).toEqual(['status-page', `channel:${acme}`, `parent:${acme}`]);
  });
});
