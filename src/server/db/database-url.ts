/**
 * Which engine a DATABASE_URL names. `file:` is the embedded default (SQLite, one process); `postgres://`
 * (or `postgresql://`) is the hosted mode, where web instances and workers share one PostgreSQL.
 */
export type StoreKind = "sqlite" | "postgres";

export function storeKindOf(databaseUrl: string): StoreKind {
  return /^postgres(ql)?:\/\//i.test(databaseUrl) ? "postgres" : "sqlite";
}
