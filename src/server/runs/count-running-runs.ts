import type { Db } from "@/server/db/client";

/** How many searches are running now: the client's own, and the whole server's (every instance and worker). */
export async function countRunningRuns({
  db,
  clientKey,
}: {
  db: Db;
  clientKey: string;
}): Promise<{ client: number; server: number }> {
  const [client, server] = await Promise.all([
    db.searchRun.count({ where: { status: "running", clientKey } }),
    db.searchRun.count({ where: { status: "running" } }),
  ]);
  return { client, server };
}
