import { z } from 'zod';

/** One line of the console socket, each way: newline-delimited JSON. */
export const ConsoleRequest = z.object({
  user: z.string().regex(/^[\w.@-]{1,64}$/, 'a console user name is 1-64 letters, digits, ".", "_", "@" or "-"'),
  timeZone: z.string().min(1).max(64).optional(),
  line: z.string().max(10_000),
});
export type ConsoleRequest = z.infer<typeof ConsoleRequest>;

export const ConsoleReply = z.object({ text: z.string() });
export type ConsoleReply = z.infer<typeof ConsoleReply>;

export const userNamePattern = ConsoleRequest.shape.user;

export function socketPathIn(dataDir: string): string {
  return `${dataDir.replace(/\/+$/, '')}/console.sock`;
}
