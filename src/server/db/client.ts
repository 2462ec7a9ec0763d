import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/generated/prisma/client";
import { PrismaClient as PostgresPrismaClient } from "@/generated/prisma-postgres/client";
import { storeKindOf } from "./database-url";
import { sqliteFilePath } from "./migrate";
import { storableWriteArgs } from "./storable-text";

/**
 * The one client type the code is written against. Both engines' clients are generated from the same data
 * model (prisma/postgres/schema.prisma is derived from prisma/schema.prisma, and a test checks it), so their
 * query APIs are the same; the code uses only what both engines support.
 */
export type Db = PrismaClient;

/**
 * Opens a Prisma client on an already migrated database. It never migrates: start-up does that once, before
 * anything is served (scripts/start.ts, the worker, `npm run db:migrate`), and the tests' temporary databases
 * are migrated by the same runners.
 */
export function createDb({ databaseUrl, poolSize }: { databaseUrl: string; poolSize?: number }): Db {
  if (storeKindOf(databaseUrl) === "postgres") {
    const adapter = new PrismaPg({ connectionString: databaseUrl, max: poolSize ?? 10 });
    // Same models, another engine: see the type's comment above.
    // A transaction here makes a round trip per statement, so a loaded server gets more than Prisma's 5 s
    // before it gives up on one, and more time to wait for a connection of the pool.
    const client = new PostgresPrismaClient({
      adapter,
      transactionOptions: { maxWait: 10_000, timeout: 30_000 },
    });
    return withStorableWrites(client as unknown as Db);
  }
  // WAL is a property of the file (set by the migrator); the busy timeout is per connection.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
  return withStorableWrites(new PrismaClient({ adapter }));
}

/**
 * Every model write leaves out the one character PostgreSQL cannot store (storable-text.ts), on both engines,
 * so text from GitHub, an LLM or the user never fails a write on one engine that succeeds on the other.
 */
function withStorableWrites(client: Db): Db {
  const extended = client.$extends({
    query: {
      $allModels: {
        $allOperations: ({ operation, args, query }) => query(storableWriteArgs(operation, args)),
      },
    },
  });
  // The extension changes no model's API: the client is still used as the plain one.
  return extended as unknown as Db;
}
