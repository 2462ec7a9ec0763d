import { getEnv } from "@/env";
import { closeAppDependencies, createAppDependencies } from "@/server/app-dependencies";
import { startHousekeeping } from "@/server/housekeeping";
import { serveApi } from "./http-app";

/**
 * A web instance of the hosted mode, for the cluster test and `npm run bench:cluster`: the app's tRPC API
 * over HTTP (the handler the Next.js route serves), built from the environment like `npm start`, with its
 * housekeeping. It prints "api-instance ready <url>" once it answers.
 */
const deps = createAppDependencies({ env: getEnv() });
const stopHousekeeping = await startHousekeeping(deps);
// An instance people sign in to must answer at the address its sign-in callback names.
const server = await serveApi(deps, { port: deps.env.SCOUT_PUBLIC_URL ? deps.env.PORT : 0 });
console.log(`api-instance ready ${server.url}`);

async function shutdown() {
  setTimeout(() => process.exit(0), 5000).unref();
  await server.close();
  stopHousekeeping();
  await closeAppDependencies(deps);
  process.exit(0);
}
process.on("SIGTERM", () => void shutdown());
process.on("SIGINT", () => void shutdown());
