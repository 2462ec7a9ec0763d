import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import * as engineBindings from "@prisma/schema-engine-wasm/schema_engine_bg";
import { migrateDatabase } from "../../src/server/db/migrate";

/**
 * Prisma's own schema engine, compiled to WASM, driven through a better-sqlite3 adapter. The native
 * engine the Prisma CLI wants cannot be downloaded offline; this one ships inside an npm package.
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

export type SchemaDiffOptions = {
  schemaPath: string;
  migrationsDir: string;
};

export type SchemaDiff = {
  /** SQL that turns the database built from the committed migrations into schema.prisma; "" when none. */
  sql: string;
  changed: boolean;
};

/** Replays the committed migrations into a scratch database and diffs it against schema.prisma. */
export async function diffMigrationsAgainstSchema({
  schemaPath,
  migrationsDir,
}: SchemaDiffOptions): Promise<SchemaDiff> {
  await loadEngine();
  const scratchDir = mkdtempSync(path.join(os.tmpdir(), "scout-schema-diff-"));
  const databaseUrl = `file:${path.join(scratchDir, "replay.db")}`;
  try {
    migrateDatabase({ databaseUrl, migrationsDir });
    const files = [{ path: schemaPath, content: readFileSync(schemaPath, "utf8") }];
    const adapter = bindMigrationAwareSqlAdapterFactory(new PrismaBetterSqlite3({ url: databaseUrl }));
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
