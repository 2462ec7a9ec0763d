import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { AppDependencies } from "@/server/app-dependencies";
import { serveApi } from "../support/http-app";
import { sendRawRequest } from "../support/raw-http";
import { startHarness, typicalProfile, type Harness } from "../support/scout-harness";

let harness: Harness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(() => harness.close());

async function withApi<T>(deps: AppDependencies, run: (url: string, port: string) => Promise<T>): Promise<T> {
  const api = await serveApi(deps);
  try {
    return await run(api.url, new URL(api.url).port);
  } finally {
    await api.close();
  }
}

const saveProfile = (url: string, host: string) =>
  sendRawRequest({
    url: `${url}/api/trpc/profile.save`,
    method: "POST",
    headers: { host, "content-type": "application/json" },
    body: JSON.stringify({ ...typicalProfile, goals: `saved through ${host}` }),
  });

describe("the Host allowlist over HTTP (DNS rebinding)", () => {
  it("refuses a forged Host with 421 before the app acts on the request", async () => {
    const deps = harness.deps();
    await deps.db.developerProfile.deleteMany();
    await withApi(deps, async (url, port) => {
      const refused = await saveProfile(url, `rebind.evil.example:${port}`);
      expect(refused.status).toBe(421);
      expect(refused.body).toContain("add it to SCOUT_ALLOWED_HOSTS");
      expect(await deps.db.developerProfile.count()).toBe(0);

      const config = await sendRawRequest({
        url: `${url}/api/trpc/scout.config`,
        headers: { host: `rebind.evil.example:${port}` },
      });
      expect(config.status).toBe(421);
      expect(config.body).not.toContain("githubSource");
    });
  });

  it("answers the loopback names, with or without the port", async () => {
    await withApi(harness.deps(), async (url, port) => {
      for (const host of [`localhost:${port}`, `127.0.0.1:${port}`, `[::1]:${port}`, "localhost"]) {
        const response = await sendRawRequest({ url: `${url}/api/trpc/scout.config`, headers: { host } });
        expect([host, response.status]).toEqual([host, 200]);
      }
      expect((await saveProfile(url, `localhost:${port}`)).status).toBe(200);
    });
  });

  it("answers exactly the names in SCOUT_ALLOWED_HOSTS when it is set", async () => {
    const deps = harness.deps({ env: { SCOUT_ALLOWED_HOSTS: "scout.example.com" } });
    await withApi(deps, async (url, port) => {
      const named = await sendRawRequest({
        url: `${url}/api/trpc/scout.config`,
        headers: { host: `scout.example.com:${port}` },
      });
      expect(named.status).toBe(200);
      const loopback = await sendRawRequest({
        url: `${url}/api/trpc/scout.config`,
        headers: { host: `127.0.0.1:${port}` },
      });
      expect(loopback.status).toBe(421);
    });
  });
});
