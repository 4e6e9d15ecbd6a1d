import { incidentId } from '../../domain/incident.ts';
import { isPermanentRejection, type Mailer, smtpReply } from '../../mail/mailer.ts';
import { type MailSite, messageIdFor, renderUpdateMail, siteLink } from '../../mail/update-mail.ts';
import { renderReportMail } from '../../mail/report-mail.ts';
import type { EmailDeliveries } from '../../db/stores/email-deliveries.ts';
import { type DeliveryTarget, PermanentDeliveryError } from '../target.ts';

/**
 * E-mail subscribers: a delivery named "email:<subscriber>" mails one public update, or the incident
 * report whole, to one address.
 * Whether the address still wants it is read at send time, so an unsubscribe between the approval
 * and the delivery is honoured. SMTP keeps nothing a retry could ask about, so the Message-ID (from
 * the idempotency key) makes a repeat after a crash the same message, and the sent id is recorded at
 * once so a later attempt does not send again.
 */
export function emailSubscriberTarget(deliveries: EmailDeliveries, mailer: Mailer, site: () => MailSite): DeliveryTarget {
  return {
    name: 'email',
    deliver: async (job) => {
      if (job.externalId) return;
      const subscriberId = Number(job.target.split(':')[1]);
      const { subscriber, incident, update, report, threadRootKey, componentGroups } = await deliveries.load(job.id, subscriberId);
      if (!subscriber?.receiving) return;
      const lang = subscriber.language;
      const zone = subscriber.timeZone;
      const page = site();
      const unsubscribeUrl = siteLink(page, `/unsubscribe/${subscriber.unsubscribeToken}`, lang, zone);
      const view = {
        incidentId: incidentId(incident.id),
        title: incident.title,
        ...update,
        components: incident.components.map((component) => component.componentName),
        componentGroups,
        unsubscribeUrl,
      };
      // A report is mailed whole, in its own words; an update as the page shows it.
      const content = report
        ? renderReportMail(
            page,
            { incidentId: view.incidentId, title: incident.title, versions: report, body: update.body, publishedAt: update.publishedAt, unsubscribeUrl },
            lang,
            zone,
          )
        : renderUpdateMail(page, view, lang, zone);
      const messageId = messageIdFor(job.idempotencyKey, mailer.domain);
      const root = threadRootKey ? messageIdFor(threadRootKey, mailer.domain) : null;
      try {
        await mailer.send({
          to: subscriber.address,
          ...content,
          messageId,
          ...(root ? { inReplyTo: root, references: [root] } : {}),
          date: update.publishedAt,
          // RFC 8058: mail clients offer their own unsubscribe button, which posts to the link.
          headers: { 'List-Unsubscribe': `<${unsubscribeUrl}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
        });
      } catch (error) {
        // Servers often quote the address; the crisis room is shown it masked, as it names the target.
        const reply = smtpReply(error).replaceAll(subscriber.address, maskedAddress(subscriber.address));
        if (isPermanentRejection(error)) throw new PermanentDeliveryError(`refused by the mail server: ${reply}`);
        throw new Error(`mail server: ${reply}`);
      }
      await deliveries.recordExternalId(job.id, messageId);
    },
  };
}

/** "a***@example.com" */
function maskedAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return `${address.slice(0, 1)}***${address.slice(at)}`;
}
