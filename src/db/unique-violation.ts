/** Whether a write was refused because a unique key already holds that value (Prisma's P2002, on either database). */
export function isUniqueViolation(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'P2002';
}
