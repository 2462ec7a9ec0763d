import type { Db } from "@/server/db/client";
import type { Logger } from "@/server/logger";
import { getRunResult } from "@/server/pipeline/get-run-result";
import type { RunAccess } from "@/server/runs/run-access";
import type { ExportFormat } from "@/shared/runs";
import { formatRunAsCsv } from "./format-csv";
import { formatRunAsJson } from "./format-json";
import { formatRunAsMarkdown } from "./format-markdown";

export type RunExport = { body: string; contentType: string; fileName: string };

const contentTypes: Record<ExportFormat, string> = {
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json",
};

/** Run ids are UUIDs; anything else is kept to characters every file system and header accept. */
function toFileName(runId: string, format: ExportFormat): string {
  return `scout-run-${runId.replace(/[^A-Za-z0-9_-]/g, "_")}.${format}`;
}

/** One run as a downloadable file. Throws NOT_FOUND (AppError) for an unknown run, or another user's. */
export async function exportRun({
  db,
  logger,
  runId,
  access,
  format,
  githubWebOrigin,
}: {
  db: Db;
  logger: Logger;
  runId: string;
  access: RunAccess;
  format: ExportFormat;
  /** Where links may point (the GitHub source's web origin). */
  githubWebOrigin: string;
}): Promise<RunExport> {
  const run = await getRunResult({ db, logger, runId, access });
  const body =
    format === "md"
      ? formatRunAsMarkdown({ run, githubWebOrigin })
      : format === "csv"
        ? formatRunAsCsv({ run, githubWebOrigin })
        : formatRunAsJson({ run });
  return { body, contentType: contentTypes[format], fileName: toFileName(runId, format) };
}
