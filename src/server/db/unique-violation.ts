/** Prisma's unique-constraint violation (P2002): the row that was to be created exists already. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && "code" in error && error.code === "P2002";
}
