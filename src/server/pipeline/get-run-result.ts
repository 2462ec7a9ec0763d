import { readMarksOf, withMarks } from "@/server/marks/mark-store";
import { readRunResult, type ReadRunOptions } from "@/server/runs/read-run-result";
import type { ScoutSearchResult } from "@/shared/runs";

/**
 * The run as the API serves it (the results query, the complete event, the export): the stored run with its
 * user's current mark on each analysis. The join is made here, where the result is served, so that runs/ and
 * marks/ each stay unaware of the other. Throws NOT_FOUND (AppError) for an unknown run, and for another
 * user's.
 */
export async function getRunResult(options: ReadRunOptions): Promise<ScoutSearchResult> {
  const { userId, ...run } = await readRunResult(options);
  const marks = await readMarksOf({
    db: options.db,
    logger: options.logger,
    userId,
    repos: [...run.results, ...run.rejected].map((result) => result.repo),
  });
  return { ...run, results: withMarks(run.results, marks), rejected: withMarks(run.rejected, marks) };
}
