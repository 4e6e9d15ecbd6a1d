import type { Language } from './languages.ts';

/** E-mail subscriptions: the form on the page, the pages it leads to and the mails sent. Plain text; callers escape. */
export interface SubscriptionMessages {
  subscribeTitle: string;
  subscribeIntro: string;
  emailLabel: string;
  /** Legend of the component check boxes; none ticked means every incident. */
  componentsLegend: string;
  subscribeButton: string;
  checkInboxTitle: string;
  checkInboxText: (address: string) => string;
  notSubscribedTitle: string;
  invalidAddress: string;
  unknownComponent: string;
  tooManyRequests: string;
  sendFailed: string;
  crossSite: string;
  /** What a subscription covers. */
  scopeAll: string;
  scopeOnly: (components: string) => string;
  confirmTitle: string;
  confirmText: (address: string, page: string) => string;
  confirmButton: string;
  confirmedTitle: string;
  confirmedText: (address: string) => string;
  unsubscribeTitle: string;
  unsubscribeText: (address: string, page: string) => string;
  unsubscribeButton: string;
  unsubscribedTitle: string;
  unsubscribedText: (address: string) => string;
  linkInvalidTitle: string;
  linkInvalidText: string;
  confirmMailSubject: (page: string) => string;
  confirmMailText: (page: string) => string;
  confirmMailIgnore: string;
  alreadyMailSubject: (page: string) => string;
  alreadyMailText: (page: string) => string;
  viewIncident: string;
  receivingBecause: (page: string) => string;
  unsubscribe: string;
}

const catalog = {
  en: {
    subscribeTitle: 'Subscribe to updates',
    subscribeIntro: 'Get an e-mail whenever an incident is updated.',
    emailLabel: 'E-mail address',
    componentsLegend: 'Only incidents affecting (tick none for all)',
    subscribeButton: 'Subscribe',
    checkInboxTitle: 'Check your inbox',
    checkInboxText: (address) =>
      `A message is on its way to ${address}. Open the link in it to confirm your subscription: nothing else is sent before you do. A request repeated within a few minutes sends no second message.`,
    notSubscribedTitle: 'Not subscribed',
    invalidAddress: 'That is not an e-mail address. Please check it and try again.',
    unknownComponent: 'One of the chosen components is not on this page any more. Please choose again.',
    tooManyRequests: 'Too many subscription requests came from your address. Please try again in a few minutes.',
    sendFailed: 'The confirmation message could not be sent right now. Please try again later.',
    crossSite: 'This form must be sent from the status page itself.',
    scopeAll: 'Updates about every incident.',
    scopeOnly: (components) => `Updates about incidents affecting ${components}.`,
    confirmTitle: 'Confirm your subscription',
    confirmText: (address, page) => `Send e-mail updates from ${page} to ${address}?`,
    confirmButton: 'Confirm subscription',
    confirmedTitle: 'Subscription confirmed',
    confirmedText: (address) => `${address} will receive e-mail updates. Every message has a link to unsubscribe.`,
    unsubscribeTitle: 'Unsubscribe',
    unsubscribeText: (address, page) => `Stop sending e-mail updates from ${page} to ${address}?`,
    unsubscribeButton: 'Unsubscribe',
    unsubscribedTitle: 'Unsubscribed',
    unsubscribedText: (address) => `${address} will receive no more updates.`,
    linkInvalidTitle: 'Link not valid',
    linkInvalidText: 'This link is not valid: it may have expired or been replaced by a newer one.',
    confirmMailSubject: (page) => `Confirm your subscription to ${page}`,
    confirmMailText: (page) => `Someone, probably you, asked for e-mail updates from ${page} at this address. To confirm, open this link:`,
    confirmMailIgnore: 'If it was not you, ignore this message: nothing more will be sent.',
    alreadyMailSubject: (page) => `You are subscribed to ${page}`,
    alreadyMailText: (page) =>
      `Someone asked to subscribe this address, which already receives updates from ${page}. Nothing changed. To stop them, open this link:`,
    viewIncident: 'View the incident',
    receivingBecause: (page) => `You receive this because you subscribed to updates from ${page}.`,
    unsubscribe: 'Unsubscribe',
  },
  'pt-BR': {
    subscribeTitle: 'Receba as atualizações',
    subscribeIntro: 'Receba um e-mail sempre que um incidente for atualizado.',
    emailLabel: 'Endereço de e-mail',
    componentsLegend: 'Somente incidentes que afetem (nenhum marcado: todos)',
    subscribeButton: 'Inscrever-se',
    checkInboxTitle: 'Verifique sua caixa de entrada',
    checkInboxText: (address) =>
      `Uma mensagem está a caminho de ${address}. Abra o link nela para confirmar sua inscrição: nada mais é enviado antes disso. Um pedido repetido em poucos minutos não envia uma segunda mensagem.`,
    notSubscribedTitle: 'Inscrição não realizada',
    invalidAddress: 'Isso não é um endereço de e-mail. Verifique-o e tente novamente.',
    unknownComponent: 'Um dos componentes escolhidos não está mais nesta página. Escolha novamente.',
    tooManyRequests: 'Muitos pedidos de inscrição vieram do seu endereço. Tente novamente em alguns minutos.',
    sendFailed: 'Não foi possível enviar a mensagem de confirmação agora. Tente novamente mais tarde.',
    crossSite: 'Este formulário deve ser enviado pela própria página de status.',
    scopeAll: 'Atualizações sobre todos os incidentes.',
    scopeOnly: (components) => `Atualizações sobre incidentes que afetem ${components}.`,
    confirmTitle: 'Confirme sua inscrição',
    confirmText: (address, page) => `Enviar as atualizações de ${page} por e-mail para ${address}?`,
    confirmButton: 'Confirmar inscrição',
    confirmedTitle: 'Inscrição confirmada',
    confirmedText: (address) => `${address} receberá as atualizações por e-mail. Toda mensagem traz um link para cancelar a inscrição.`,
    unsubscribeTitle: 'Cancelar inscrição',
    unsubscribeText: (address, page) => `Parar de enviar as atualizações de ${page} para ${address}?`,
    unsubscribeButton: 'Cancelar inscrição',
    unsubscribedTitle: 'Inscrição cancelada',
    unsubscribedText: (address) => `${address} não receberá mais atualizações.`,
    linkInvalidTitle: 'Link inválido',
    linkInvalidText: 'Este link não é válido: ele pode ter expirado ou sido substituído por um mais recente.',
    confirmMailSubject: (page) => `Confirme sua inscrição em ${page}`,
    confirmMailText: (page) => `Alguém, provavelmente você, pediu as atualizações de ${page} por e-mail neste endereço. Para confirmar, abra este link:`,
    confirmMailIgnore: 'Se não foi você, ignore esta mensagem: nada mais será enviado.',
    alreadyMailSubject: (page) => `Você está inscrito em ${page}`,
    alreadyMailText: (page) =>
      `Alguém pediu para inscrever este endereço, que já recebe as atualizações de ${page}. Nada mudou. Para deixar de recebê-las, abra este link:`,
    viewIncident: 'Ver o incidente',
    receivingBecause: (page) => `Você recebe esta mensagem porque se inscreveu nas atualizações de ${page}.`,
    unsubscribe: 'Cancelar inscrição',
  },
  es: {
    subscribeTitle: 'Suscríbase a las actualizaciones',
    subscribeIntro: 'Reciba un correo cada vez que se actualice un incidente.',
    emailLabel: 'Dirección de correo',
    componentsLegend: 'Solo incidentes que afecten a (ninguno marcado: todos)',
    subscribeButton: 'Suscribirse',
    checkInboxTitle: 'Revise su bandeja de entrada',
    checkInboxText: (address) =>
      `Un mensaje va camino de ${address}. Abra el enlace que contiene para confirmar su suscripción: no se envía nada más antes. Una solicitud repetida en pocos minutos no envía un segundo mensaje.`,
    notSubscribedTitle: 'Suscripción no realizada',
    invalidAddress: 'Eso no es una dirección de correo. Revísela e inténtelo de nuevo.',
    unknownComponent: 'Uno de los componentes elegidos ya no está en esta página. Elija de nuevo.',
    tooManyRequests: 'Llegaron demasiadas solicitudes de suscripción desde su dirección. Inténtelo de nuevo en unos minutos.',
    sendFailed: 'No se pudo enviar el mensaje de confirmación en este momento. Inténtelo más tarde.',
    crossSite: 'Este formulario debe enviarse desde la propia página de estado.',
    scopeAll: 'Actualizaciones sobre todos los incidentes.',
    scopeOnly: (components) => `Actualizaciones sobre incidentes que afecten a ${components}.`,
    confirmTitle: 'Confirme su suscripción',
    confirmText: (address, page) => `¿Enviar las actualizaciones de ${page} por correo a ${address}?`,
    confirmButton: 'Confirmar suscripción',
    confirmedTitle: 'Suscripción confirmada',
    confirmedText: (address) => `${address} recibirá las actualizaciones por correo. Cada mensaje trae un enlace para darse de baja.`,
    unsubscribeTitle: 'Darse de baja',
    unsubscribeText: (address, page) => `¿Dejar de enviar las actualizaciones de ${page} a ${address}?`,
    unsubscribeButton: 'Darse de baja',
    unsubscribedTitle: 'Baja realizada',
    unsubscribedText: (address) => `${address} no recibirá más actualizaciones.`,
    linkInvalidTitle: 'Enlace no válido',
    linkInvalidText: 'Este enlace no es válido: puede haber caducado o haber sido sustituido por uno más reciente.',
    confirmMailSubject: (page) => `Confirme su suscripción a ${page}`,
    confirmMailText: (page) =>
      `Alguien, probablemente usted, pidió las actualizaciones de ${page} por correo en esta dirección. Para confirmar, abra este enlace:`,
    confirmMailIgnore: 'Si no fue usted, ignore este mensaje: no se enviará nada más.',
    alreadyMailSubject: (page) => `Está suscrito a ${page}`,
    alreadyMailText: (page) =>
      `Alguien pidió suscribir esta dirección, que ya recibe las actualizaciones de ${page}. Nada cambió. Para dejar de recibirlas, abra este enlace:`,
    viewIncident: 'Ver el incidente',
    receivingBecause: (page) => `Recibe este mensaje porque se suscribió a las actualizaciones de ${page}.`,
    unsubscribe: 'Darse de baja',
  },
} satisfies Record<Language, SubscriptionMessages>;

export function subscriptionMessages(lang: Language): SubscriptionMessages {
  return catalog[lang];
}

/** What a subscription covers, in words: every incident, or those affecting the components named. */
export function subscriptionScope(components: readonly string[], lang: Language): string {
  const text = catalog[lang];
  return components.length === 0 ? text.scopeAll : text.scopeOnly(new Intl.ListFormat(lang, { type: 'conjunction' }).format(components));
}
