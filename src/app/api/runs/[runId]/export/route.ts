import { getAppDependencies } from "@/server/app-dependencies";
import { resolveViewer } from "@/server/auth/resolve-viewer";
import { handleExportRequest } from "@/server/export/handle-export-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { deps, ready } = getAppDependencies();
  await ready;
  const { runId } = await params;
  const viewer = await resolveViewer({
    auth: deps.auth,
    db: deps.db,
    headers: req.headers,
    now: deps.clock(),
  });
  return handleExportRequest({ req, runId, viewer, deps });
}
