import type pg from "pg";
import type { SearchAdmission } from "@/server/pipeline/search-admission";

/** An arbitrary constant: the advisory lock every instance takes to admit a search. */
const ADMISSION_LOCK_KEY = 727_002;

/**
 * Admissions across every instance, one at a time: a transaction-scoped advisory lock, held while the check
 * and the run's insert happen (on other connections, committed before this transaction ends and frees it).
 */
export function createAdvisoryAdmission(pool: pg.Pool): SearchAdmission {
  return {
    async withLock(admit) {
      const client = await pool.connect();
      let broken = false;
      try {
        await client.query("BEGIN");
        await client.query("SELECT pg_advisory_xact_lock($1)", [ADMISSION_LOCK_KEY]);
        return await admit();
      } catch (error) {
        broken = true;
        throw error;
      } finally {
        try {
          await client.query(broken ? "ROLLBACK" : "COMMIT");
          client.release();
        } catch (error) {
          client.release(error instanceof Error ? error : true);
        }
      }
    },
  };
}
