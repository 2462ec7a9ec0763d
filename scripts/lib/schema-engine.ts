import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import pg from "pg";
import { migrateDatabase } from "../../src/server/db/migrate";
import { migratePostgres } from "../../src/server/db/migrate-postgres";

/**
 * Prisma's own schema engine, compiled to WASM, driven through a driver adapter (better-sqlite3, or pg for
 * the hosted mode's schema). The native engine the Prisma CLI wants cannot be downloaded offline; this one
 * ships inside an npm package.
 */

let engineReady: Promise<void> | undefined;

function loadEngine(): Promise<void> {
  engineReady ??= (async () => {
    const require = createRequire(import.meta.url);
    const packageDir = path.dirname(require.resolve("@prisma/schema-engine-wasm"));
    const wasmModule = await WebAssembly.compile(
      readFileSync(path.join(packageDir, "schema_engine_bg.wasm")),
    );
    // The bindings module is the WASM's only import namespace, under the name wasm-bindgen gave it.
    const instance = await WebAssembly.instantiate(wasmModule, { "./schema_engine_bg.js": engineBindings });
    engineBindings.__wbg_set_wasm(instance.exports);
    (instance.exports as { __wbindgen_start: () => void }).__wbindgen_start();
  })();
  return engineReady;
}

/**
 * The engine's PostgreSQL describer reads pg_catalog columns of the one-byte type "char" (OID 18), which the
 * pg driver adapter has no mapping for. Those columns hold a single letter, so they are handed on as text.
 */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

function relabelCharColumns<T>(result: T): T {
  const fields = (result as { fields?: { dataTypeID: number }[] }).fields ?? [];
  for (const field of fields) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
  return result;
}

class CatalogReadingPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const query = super.query.bind(this) as (...queryArgs: unknown[]) => Promise<unknown>;
    return query(...args).then(relabelCharColumns) as never;
  }
}

export type SchemaDiffOptions = {
  schemaPath: string;
  migrationsDir: string;
  /**
   * For prisma/postgres/schema.prisma: an empty PostgreSQL database to replay the migrations into (a scratch
   * cluster's, see scripts/lib/postgres-cluster.ts). Without it the replay happens in a scratch SQLite file.
   */
  postgresUrl?: string;
};

export type SchemaDiff = {
  /** SQL that turns the database built from the committed migrations into schema.prisma; "" when none. */
  sql: string;
  changed: boolean;
};

/** Replays the committed migrations into a scratch database and diffs it against the schema. */
export async function diffMigrationsAgainstSchema({
  schemaPath,
  migrationsDir,
  postgresUrl,
}: SchemaDiffOptions): Promise<SchemaDiff> {
  await loadEngine();
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), "scout-schema-diff-"));
  const sqliteUrl = `file:${path.join(scratchDir, "replay.db")}`;
  try {
    if (postgresUrl) await migratePostgres({ databaseUrl: postgresUrl, migrationsDir });
    else migrateDatabase({ databaseUrl: sqliteUrl, migrationsDir });
    const files = [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
    const adapter = bindMigrationAwareSqlAdapterFactory(
      postgresUrl
        ? new PrismaPg(new CatalogReadingPool({ connectionString: postgresUrl }), {
            disposeExternalPool: true,
          })
        : new PrismaBetterSqlite3({ url: sqliteUrl }),
    );
    const engine = await engineBindings.SchemaEngine.new(
      { datamodels: files.map((f) => [f.path, f.content]) },
      () => {},
      adapter,
    );
    try {
      const result = await engine.diff({
        from: { tag: "schemaDatasource", files, configDir: path.dirname(schemaPath) },
        to: { tag: "schemaDatamodel", files },
        script: true,
        exitCode: true,
        filters: { externalTables: [], externalEnums: [] },
      });
      const sql = result.exitCode === 2 ? (result.stdout ?? "") : "";
      return { sql, changed: result.exitCode === 2 };
    } finally {
      engine.free();
    }
  } finally {
    rmSync(scratchDir, { recursive: true, force: true });
  }
}
