import { getAppDependencies } from "@/server/app-dependencies";
import { handleExportRequest } from "@/server/export/handle-export-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(req: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { deps, ready } = getAppDependencies();
  await ready;
  const { runId } = await params;
  return handleExportRequest({ req, runId, deps });
}
