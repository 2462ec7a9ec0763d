import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { sqliteFilePath } from "./migrate";

export type Db = PrismaClient;

/**
 * Opens a Prisma client on an already migrated SQLite file. It never migrates: start-up does that once,
 * before anything is served (scripts/start.ts for `npm start`, `npm run db:migrate` before `npm run dev`),
 * and the tests' temporary databases are migrated by the same runner.
 */
export function createDb({ databaseUrl }: { databaseUrl: string }): Db {
  // WAL is a property of the file (set by the migrator); the busy timeout is per connection.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
  return new PrismaClient({ adapter });
}
