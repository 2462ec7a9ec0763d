import type { AppDependencies } from "@/server/app-dependencies";
import { signInRequiredMessage } from "@/server/auth/resolve-viewer";
import type { Viewer } from "@/server/auth/viewer";
import { AppError } from "@/server/errors";
import { exportFormatSchema, runIdInputSchema } from "@/shared/runs";
import { exportRun } from "./export-run";

type ErrorBody = {
  error: {
    code: "BAD_REQUEST" | "UNAUTHORIZED" | "NOT_FOUND" | "INTERNAL_SERVER_ERROR";
    message: string;
    field?: string;
  };
};

function errorResponse(status: number, body: ErrorBody): Response {
  return Response.json(body, { status, headers: { "Cache-Control": "no-store" } });
}

function badRequest(field: string, message: string): Response {
  return errorResponse(400, { error: { code: "BAD_REQUEST", message, field } });
}

/**
 * GET /api/runs/{runId}/export?format=md|csv|json: the viewer's run as an attachment. A bad format or run id
 * is a 400 naming the parameter, an unknown run (or another user's) a 404, nobody signed in a 401; none
 * reads more than the one run.
 */
export async function handleExportRequest({
  req,
  runId,
  viewer,
  deps,
}: {
  req: Request;
  runId: string;
  /** Null: nobody signed in (the accounts mode without a session). */
  viewer: Viewer | null;
  deps: Pick<AppDependencies, "db" | "logger" | "source">;
}): Promise<Response> {
  if (!viewer) return errorResponse(401, { error: { code: "UNAUTHORIZED", message: signInRequiredMessage } });
  const id = runIdInputSchema.shape.runId.safeParse(runId);
  if (!id.success) return badRequest("runId", "runId must be the id of a search run");
  const format = exportFormatSchema.safeParse(new URL(req.url).searchParams.get("format") ?? undefined);
  if (!format.success) {
    return badRequest("format", "The format parameter must be md, csv or json, as in ?format=md");
  }
  try {
    const file = await exportRun({
      db: deps.db,
      logger: deps.logger,
      runId: id.data,
      access: viewer,
      format: format.data,
      githubWebOrigin: deps.source.webOrigin,
    });
    return new Response(file.body, {
      status: 200,
      headers: {
        "Content-Type": file.contentType,
        "Content-Disposition": `attachment; filename="${file.fileName}"`,
        "Cache-Control": "no-store",
      },
    });
  } catch (error) {
    if (error instanceof AppError && error.code === "NOT_FOUND") {
      return errorResponse(404, { error: { code: "NOT_FOUND", message: error.message } });
    }
    deps.logger.error(`Export of run ${id.data} failed`, error);
    return errorResponse(500, {
      error: { code: "INTERNAL_SERVER_ERROR", message: "The export could not be made; try again." },
    });
  }
}
