import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient } from "@/generated/prisma/client";
import { migrateDatabase, sqliteFilePath } from "./migrate";

export type Db = PrismaClient;

export type CreateDbOptions = {
  databaseUrl: string;
  /** Defaults to prisma/migrations under the working directory, where `npm start` and the tests run. */
  migrationsDir?: string;
};

export const defaultMigrationsDir = () => path.resolve("prisma/migrations");

/** Migrates the database to the committed schema, then opens a Prisma client on it. */
export function createDb({ databaseUrl, migrationsDir = defaultMigrationsDir() }: CreateDbOptions): Db {
  migrateDatabase({ databaseUrl, migrationsDir });
  // WAL is a property of the file (set by the migrator); the busy timeout is per connection.
  const adapter = new PrismaBetterSqlite3({ url: sqliteFilePath(databaseUrl), timeout: 5000 });
  return new PrismaClient({ adapter });
}
