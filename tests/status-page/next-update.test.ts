import { beforeAll, describe, expect, test } from 'vitest';
import { FileConfig } from '../../src/config.ts';
import { approveDraft } from '../../src/services/draft/approve-draft.ts';
import { draftPublicUpdate } from '../../src/services/draft/draft-public-update.ts';
import { declareIncident } from '../../src/services/incident/declare-incident.ts';
import { resolveIncident } from '../../src/services/incident/resolve-incident.ts';
import { loadPublicSnapshot } from '../../src/services/public-page/load-public-snapshot.ts';
import { renderIncidentPage } from '../../src/status-page/html/incident-page.ts';
import { databaseKinds, useDatabase } from '../support/databases.ts';
import { type Harness, harness } from '../support/services.ts';

const cadence = { ...FileConfig.parse({}).cadence, showOnPage: true };

describe.each(databaseKinds)('the incident page says by when the next update comes, on %s', (kind) => {
  const database = useDatabase(kind);
  let h: Harness;
  const snapshot = (showOnPage = true) => loadPublicSnapshot(database.db, h.clock, { ...h.config, cadence: { ...cadence, showOnPage } });

  beforeAll(async () => {
    // 10:50 in Sao Paulo: a SEV1 (critical, an update every 30 minutes) published at once.
    h = await harness(database.db);
    await declareIncident(h.as('alice'), { title: 'Checkout is down', severity: 1 });
    await draftPublicUpdate(h.as('alice'), { status: 'investigating', text: 'Checkout fails for some customers.' });
    await approveDraft(h.as('alice'), {});
  });

  test('while it is ahead: in the visitor’s language and zone, with its offset', async () => {
    h.clock.set(new Date('2021-09-15T14:05:00Z'));
    const built = await snapshot();
    const [incident] = built.incidents;
    expect(incident!.nextUpdateBy).toEqual(new Date('2021-09-15T14:20:00Z'));
    expect(renderIncidentPage(built, incident!, { lang: 'en', zone: 'America/Sao_Paulo' })).toContain(
      '<p class="next-update">Next update by <time datetime="2021-09-15T14:20:00.000Z">Sep 15, 2021 - 11:20 GMT-03:00</time></p>',
    );
    expect(renderIncidentPage(built, incident!, { lang: 'pt-BR', zone: 'Europe/Lisbon' })).toMatch(
      /<p class="next-update">Próxima atualização até <time datetime="2021-09-15T14:20:00.000Z">[^<]*15:20 GMT\+01:00<\/time><\/p>/,
    );
  });

  test('not once it is due, nor when the setting is off, nor for a resolved incident', async () => {
    h.clock.set(new Date('2021-09-15T14:05:00Z'));
    const off = await snapshot(false);
    expect(off.incidents[0]!.nextUpdateBy).toBeUndefined();
    expect(renderIncidentPage(off, off.incidents[0]!, { lang: 'en', zone: 'UTC' })).not.toContain('next-update');
    h.clock.set(new Date('2021-09-15T14:20:00Z'));
    expect((await snapshot()).incidents[0]!.nextUpdateBy).toBeUndefined();
    await resolveIncident(h.as('alice'), {});
    await approveDraft(h.as('alice'), {});
    h.clock.set(new Date('2021-09-15T14:25:00Z'));
    expect((await snapshot()).incidents[0]).toMatchObject({ status: 'resolved' });
    expect((await snapshot()).incidents[0]!.nextUpdateBy).toBeUndefined();
  });
});
