import type { Ctx, Services } from '../services/context.ts';
import {
  confirmEmailSubscription,
  findSubscriptionToConfirm,
  findSubscriptionToEnd,
  requestEmailSubscription,
  unsubscribeEmail,
} from '../services/subscription/email-subscribers.ts';
import { CrisisError } from '../domain/errors.ts';
import { Language } from '../i18n/languages.ts';
import type { SubscriptionDesk } from '../status-page/subscribe-routes.ts';
import { type Mailer, smtpReply } from './mailer.ts';
import { renderAlreadySubscribedMail, renderConfirmMail } from './subscription-mails.ts';
import { type MailSite, siteLink } from './update-mail.ts';

/** A link that is not valid (unknown, expired, replaced) is answered with a page, not an error. */
async function unlessInvalid<T>(work: Promise<T>): Promise<T | null> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof CrisisError && error.code === 'not_found') return null;
    throw error;
  }
}

/**
 * The status page's subscription pages over the services: each step is one use case, and a request
 * is answered by mail once it is recorded (never from inside the transaction).
 */
export function emailSubscriptionDesk(services: Services, mailer: Mailer, site: () => MailSite, log: (message: string) => void): SubscriptionDesk {
  const ctx: Ctx = { ...services, actor: { platform: 'api', id: 'status-page', name: 'status page visitor' } };
  return {
    request: async (input) => {
      const { subscriber, mail } = await requestEmailSubscription(ctx, input);
      // The subscription's own language and zone: a reminder to a subscribed address is read by its owner, not the requester.
      const lang = Language.catch('en').parse(subscriber.language);
      const link = (path: string) => siteLink(site(), path, lang, subscriber.timeZone);
      const rendered =
        mail === 'confirm'
          ? renderConfirmMail(site(), lang, {
              confirmUrl: link(`/subscribe/confirm/${subscriber.confirmToken}`),
              components: JSON.parse(subscriber.components) as string[],
            })
          : renderAlreadySubscribedMail(site(), lang, { unsubscribeUrl: link(`/unsubscribe/${subscriber.unsubscribeToken}`) });
      try {
        await mailer.send({ to: subscriber.address, ...rendered });
        return 'sent';
      } catch (error) {
        log(`e-mail subscription: the ${mail} mail to subscriber ${subscriber.id} was not sent: ${smtpReply(error)}`);
        return 'send-failed';
      }
    },
    toConfirm: (token) => findSubscriptionToConfirm(ctx, token),
    confirm: (token) => unlessInvalid(confirmEmailSubscription(ctx, { token })),
    toEnd: (token) => findSubscriptionToEnd(ctx, token),
    end: (token) => unlessInvalid(unsubscribeEmail(ctx, { token })),
  };
}
