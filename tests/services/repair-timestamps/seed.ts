import type { Database } from '../../../src/db/client.ts';
import { addNote } from '../../../src/services/incident/add-note.ts';
import { approveDraft } from '../../../src/services/draft/approve-draft.ts';
import { declareIncident } from '../../../src/services/incident/declare-incident.ts';
import { draftPublicUpdate } from '../../../src/services/draft/draft-public-update.ts';
import { setComponents } from '../../../src/services/incident/set-components.ts';
import { harness } from '../../support/services.ts';

/** A Slack permalink of a message said at `at`, as chat.getPermalink returns it. */
function permalinkAt(at: Date): string {
  const micros = `${String(at.getTime() % 1000).padStart(3, '0')}000`;
  return `https://takeblip.slack.com/archives/C024BE91L/p${Math.floor(at.getTime() / 1000)}${micros}`;
}

export interface SkewedIncident {
  /** `minutes` after the start; a year later when stamped by the broken server. */
  at(minutes: number, yearAhead?: boolean): Date;
}

/**
 * The seed incident in small: an incident run through the real services, during which one server's
 * clock jumped a year ahead (an approval and a note stamped with it), plus two rows changed straight
 * in the tables: one a year ahead, one out of order.
 */
export async function seedSkewedIncident(db: Database, start: Date): Promise<SkewedIncident> {
  const at = (minutes: number, yearAhead = false) => {
    const time = new Date(start.getTime() + minutes * 60_000);
    if (yearAhead) time.setUTCFullYear(time.getUTCFullYear() + 1);
    return time;
  };
  const h = await harness(db, {}, start);
  await declareIncident(h.as('alice'), { title: 'Degraded performance on the BLiP', severity: 2, components: ['CRM'] });
  h.clock.set(at(1));
  await addNote(h.as('bob'), { incident: 1, text: 'Cache nodes disconnecting' });
  h.clock.set(at(2));
  await setComponents(h.as('bob'), { incident: 1, changes: [{ name: 'CRM', state: 'partial_outage' }] });
  h.clock.set(at(3));
  await draftPublicUpdate(h.as('bob'), {
    incident: 1,
    status: 'investigating',
    text: 'We are suffering a degradation in the performance of the BLiP platform.',
  });
  h.clock.set(at(4, true));
  await approveDraft(h.as('alice'), { incident: 1, draft: 1 });
  h.clock.set(at(5, true));
  await addNote(h.as('carol', { platform: 'slack', id: 'U0CAROL' }), {
    incident: 1,
    text: 'The server says 2022',
    source: { authorName: 'dave', link: permalinkAt(at(4.5)) },
  });
  h.clock.set(at(6));
  await addNote(h.as('bob'), { incident: 1, text: 'Divergent server isolated' });
  h.clock.set(at(7));
  await draftPublicUpdate(h.as('bob'), { incident: 1, status: 'identified', text: 'An automatic date change on one server was identified.' });
  h.clock.set(at(8));
  await approveDraft(h.as('alice'), { incident: 1, draft: 2 });
  await db.prisma.timelineEntry.update({ where: { incidentId_seq: { incidentId: 1, seq: 2 } }, data: { recordedAt: at(1, true), occurredAt: at(1, true) } });
  await db.prisma.timelineEntry.update({ where: { incidentId_seq: { incidentId: 1, seq: 3 } }, data: { recordedAt: at(-10) } });
  return { at };
}
