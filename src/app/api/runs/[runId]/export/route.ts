import { getAppDependencies } from "@/server/app-dependencies";
import { localViewer } from "@/server/auth/viewer";
import { handleExportRequest } from "@/server/export/handle-export-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { deps, ready } = getAppDependencies();
  await ready;
  const { runId } = await params;
  // Nobody signs in yet: every request is the local user's.
  return handleExportRequest({ req, runId, viewer: localViewer, deps });
}
