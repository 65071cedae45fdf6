/** True for a unique constraint violation (Prisma P2002), e.g. two concurrent inserts of the same pending row. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { code?: unknown }).code === 'P2002';
}
