import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { findFreePort } from "./free-port";

/**
 * A throwaway PostgreSQL cluster on 127.0.0.1, for the tests and for writing migrations: `initdb` into a
 * temp dir and `pg_ctl` on a free port. PostgreSQL refuses to run as root, and CI runs as root, so there the
 * cluster belongs to the unprivileged `postgres` user that Debian's package creates.
 */

export type PostgresCluster = {
  /** postgres://…/postgres as the cluster's superuser. */
  adminUrl: string;
  port: number;
  dataDir: string;
  /** A new, empty database; its URL. */
  createDatabase: (name?: string) => Promise<string>;
  /** Stops the server and starts it again on the same port (connections drop). */
  restart: () => void;
  stop: () => void;
};

const SUPERUSER = "scout";

export class PostgresUnavailableError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "PostgresUnavailableError";
  }
}

/** The newest installed server's bin directory: Debian keeps them under /usr/lib/postgresql/<major>/bin. */
export function findPostgresBinDir(): string {
  const debianRoot = "/usr/lib/postgresql";
  if (existsSync(debianRoot)) {
    const majors = readdirSync(debianRoot)
      .filter((entry) => existsSync(path.join(debianRoot, entry, "bin", "initdb")))
      .sort((a, b) => Number(b) - Number(a));
    const newest = majors[0];
    if (newest) return path.join(debianRoot, newest, "bin");
  }
  const found = spawnSync("sh", ["-c", "command -v pg_ctl"], { encoding: "utf8" }).stdout.trim();
  if (found) return path.dirname(found);
  throw new PostgresUnavailableError(
    "PostgreSQL's server programs (initdb, pg_ctl) are not installed. Install them with " +
      "`sudo apt-get install postgresql` (Debian/Ubuntu) or your system's package, then run the tests again.",
  );
}

type RunAs = { uid: number; gid: number } | undefined;

/** Root cannot run PostgreSQL: run its programs as the `postgres` user instead. */
function unprivilegedUser(): RunAs {
  if (process.getuid?.() !== 0) return undefined;
  try {
    const uid = Number(execFileSync("id", ["-u", "postgres"], { encoding: "utf8" }).trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"], { encoding: "utf8" }).trim());
    return { uid, gid };
  } catch {
    throw new PostgresUnavailableError(
      "PostgreSQL refuses to run as root, and there is no `postgres` user to run it as. " +
        "Install Debian's `postgresql` package (it creates that user) or run the tests as an ordinary user.",
    );
  }
}

function run(binDir: string, program: string, args: string[], runAs: RunAs): void {
  const result = spawnSync(path.join(binDir, program), args, {
    encoding: "utf8",
    ...(runAs ?? {}),
    // The temp dir is the working directory, so `postgres` can read it even when cwd is root's home.
    cwd: os.tmpdir(),
  });
  if (result.status !== 0) {
    throw new Error(`${program} failed (${result.status}): ${result.stderr || result.stdout}`);
  }
}

/** Starts a fresh cluster; call stop() when done (it also removes the data directory). */
export async function startPostgresCluster(): Promise<PostgresCluster> {
  const binDir = findPostgresBinDir();
  const runAs = unprivilegedUser();
  const root = mkdtempSync(path.join(os.tmpdir(), "scout-pg-"));
  if (runAs) chownSync(root, runAs.uid, runAs.gid);
  const dataDir = path.join(root, "data");
  const logFile = path.join(root, "server.log");
  const port = await findFreePort();

  run(
    binDir,
    "initdb",
    ["-D", dataDir, "-U", SUPERUSER, "--auth=trust", "--encoding=UTF8", "--locale=C", "--no-sync"],
    runAs,
  );
  // Durability is pointless for a cluster that lives as long as a test run; speed is not.
  const serverOptions = [
    `-p ${port}`,
    "-c listen_addresses=127.0.0.1",
    `-c unix_socket_directories=${root}`,
    "-c fsync=off",
    "-c synchronous_commit=off",
    "-c full_page_writes=off",
    "-c max_connections=300",
  ].join(" ");
  const start = () => {
    run(binDir, "pg_ctl", ["-D", dataDir, "-o", serverOptions, "-l", logFile, "-w", "start"], runAs);
  };
  const stopServer = (mode: "fast" | "immediate") => {
    run(binDir, "pg_ctl", ["-D", dataDir, "-m", mode, "-w", "stop"], runAs);
  };
  try {
    start();
  } catch (error) {
    const log = existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
    rmSync(root, { recursive: true, force: true });
    throw new Error(`PostgreSQL did not start: ${String(error)}\n${log}`);
  }

  const adminUrl = `postgres://${SUPERUSER}@127.0.0.1:${port}/postgres`;
  let created = 0;
  let stopped = false;
  return {
    adminUrl,
    port,
    dataDir,
    async createDatabase(name) {
      created += 1;
      const database = name ?? `scout_${process.pid}_${created}_${Math.random().toString(36).slice(2, 8)}`;
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        await client.query(`CREATE DATABASE "${database}"`);
      } finally {
        await client.end();
      }
      return `postgres://${SUPERUSER}@127.0.0.1:${port}/${database}`;
    },
    restart() {
      stopServer("fast");
      start();
    },
    stop() {
      if (stopped) return;
      stopped = true;
      try {
        stopServer("immediate");
      } finally {
        rmSync(root, { recursive: true, force: true });
      }
    },
  };
}
