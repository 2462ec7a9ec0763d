import { handleTrpcRequest } from "@/server/api/http-handler";
import { getAppDependencies } from "@/server/app-dependencies";

// Subscriptions hold the response open; the Node.js runtime is required for SQLite anyway.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const { deps, ready } = getAppDependencies();
  await ready;
  return handleTrpcRequest({ req, deps });
}

export { handler as GET, handler as POST };
