import { z } from 'zod';

/** The languages crisisroom ships with; a page or channel picks from these. */
export const languages = ['en', 'pt-BR', 'es'] as const;
export const Language = z.enum(languages);
export type Language = z.infer<typeof Language>;
