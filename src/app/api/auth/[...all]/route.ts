import { getAppDependencies } from "@/server/app-dependencies";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

/** Sign-in, its GitHub callback, the session and sign-out (better-auth); nothing when nobody signs in. */
async function handle(req: Request): Promise<Response> {
  const { deps, ready } = getAppDependencies();
  await ready;
  if (!deps.auth)
    return Response.json({ error: { code: "NOT_FOUND", message: "Sign-in is off." } }, { status: 404 });
  return deps.auth.handler(req);
}

export { handle as GET, handle as POST };
