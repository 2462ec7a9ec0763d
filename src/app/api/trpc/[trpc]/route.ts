import { handleTrpcRequest } from "@/server/api/http-handler";
import { getServerServices } from "@/server/services";

// Subscriptions hold the response open; the Node.js runtime is required for SQLite anyway.
export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handler(req: Request) {
  const { services, ready } = getServerServices();
  await ready;
  return handleTrpcRequest({ req, services });
}

export { handler as GET, handler as POST };
