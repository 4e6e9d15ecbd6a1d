import type { Log } from '../../log.ts';
import type { StatuspageLinks, StatuspagePublication } from '../../db/stores/statuspage-links.ts';
import type { StatuspageClient } from '../statuspage-io/client.ts';
import { alreadyPosted, findMirror, incidentCreate, incidentWrite, matchComponents } from '../statuspage-io/mapping.ts';
import { type DeliveryJob, type DeliveryTarget, PermanentDeliveryError } from '../target.ts';

/**
 * Mirrors every approved public update onto Atlassian Statuspage: the first update of an incident
 * creates their incident, later ones update it, and an approved incident report becomes its
 * published postmortem. Components are matched by name; ours that they lack are left out.
 */
export function statuspageIoTarget({ links, client, log }: { links: StatuspageLinks; client: StatuspageClient; log: Log }): DeliveryTarget {
  async function componentIds(loaded: StatuspagePublication) {
    const { ids, missing } = matchComponents(loaded.componentNames, await client.components());
    if (missing.length > 0)
      log(`statuspage-io: ${loaded.incident.ref}: no component named ${missing.map((name) => `"${name}"`).join(', ')} on Statuspage; left out`);
    return ids;
  }

  /** Their incident mirroring ours when the link was never recorded: an earlier attempt may have created it. */
  async function recoverLink(job: DeliveryJob, loaded: StatuspagePublication) {
    if (job.attempts === 0) return null;
    const found = findMirror(await client.recentIncidents(), loaded.incident.ref, job.idempotencyKey);
    if (found) await links.recordLink(loaded.incident.id, found.incident.id);
    return found;
  }

  async function publishReport(job: DeliveryJob, loaded: StatuspagePublication): Promise<void | 'already-delivered'> {
    const externalId = loaded.externalId ?? (await recoverLink(job, loaded))?.incident.id;
    if (!externalId) throw new PermanentDeliveryError(`${loaded.incident.ref} has no incident on Statuspage to attach its incident report to`);
    if (job.attempts > 0) {
      const postmortem = await client.getPostmortem(externalId);
      if (postmortem?.published_at && postmortem.body === loaded.publication.body) return 'already-delivered';
    }
    // Like our own report, it reaches no subscriber: they already had the incident's updates.
    await client.publishPostmortem(externalId, loaded.publication.body, false);
  }

  return {
    name: 'statuspage-io',
    deliver: async (job) => {
      const loaded = await links.load(job.publicationId);
      if (loaded.publication.kind === 'report') return publishReport(job, loaded);
      const ids = await componentIds(loaded);
      let externalId = loaded.externalId;
      if (!externalId) {
        const found = await recoverLink(job, loaded);
        if (found?.createdByThisDelivery) return 'already-delivered';
        externalId = found?.incident.id ?? null;
      }
      if (!externalId) {
        const created = await client.createIncident(incidentCreate(loaded, ids, job.idempotencyKey));
        await links.recordLink(loaded.incident.id, created.id);
        return;
      }
      // Setting the same status and components twice changes nothing, but the body would be posted twice.
      if (job.attempts > 0 && alreadyPosted(await client.getIncident(externalId), loaded)) return 'already-delivered';
      await client.updateIncident(externalId, incidentWrite(loaded, ids));
    },
  };
}
