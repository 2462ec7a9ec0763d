import { getAppDependencies } from "@/server/app-dependencies";
import { publicUrlOf } from "@/server/auth/auth-from-env";
import { handleFeedRequest } from "@/server/watches/handle-feed-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// No viewer is resolved: a feed reader has no session, and the secret in the address is the key.
export async function GET(req: Request, { params }: { params: Promise<{ file: string }> }) {
  const { deps, ready } = getAppDependencies();
  await ready;
  const { file } = await params;
  return handleFeedRequest({
    req,
    file,
    db: deps.db,
    logger: deps.logger,
    publicBaseUrl: publicUrlOf(deps.env),
  });
}
