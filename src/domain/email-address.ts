import { z } from 'zod';

/** Mailbox providers ignore letter case: one subscriber per address however it was typed. */
export const EmailAddress = z.string().trim().toLowerCase().max(254, 'an e-mail address has at most 254 characters').pipe(z.email('not an e-mail address'));
