/**
 * The history's query input. The pages prefetch exactly this query on the server; it lives outside the
 * "use client" history component because a server component importing a value from a client module gets a
 * client reference instead of the value.
 */
export const runHistoryInput = { limit: 20 };
