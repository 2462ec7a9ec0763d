import { getAppDependencies } from "@/server/app-dependencies";
import { handleUnsubscribeRequest } from "@/server/watches/handle-unsubscribe-request";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

// No viewer is resolved: a mail client has no session, and the token in the address is the key.
async function unsubscribe(req: Request, { params }: { params: Promise<{ token: string }> }) {
  const { deps, ready } = getAppDependencies();
  await ready;
  const { token } = await params;
  return handleUnsubscribeRequest({ req, token, db: deps.db, logger: deps.logger, clock: deps.clock });
}

export const GET = unsubscribe;
export const POST = unsubscribe;
