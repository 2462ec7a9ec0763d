import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { localViewer } from "@/server/auth/viewer";
import { createCaller } from "@/server/api/root";
import { createAppDependencies } from "@/server/app-dependencies";
import { createTempStore, storeKinds, type TempStore } from "../support/temp-db";

describe.each(storeKinds)("profile procedures (%s)", (kind) => {
  let temp: TempStore;
  let caller: ReturnType<typeof createCaller>;

  beforeAll(async () => {
    temp = await createTempStore(kind);
    caller = createCaller({
      deps: createAppDependencies({ env: parseEnv({}), db: temp.db }),
      clientIp: "127.0.0.1",
      viewer: localViewer,
    });
  });

  afterAll(() => temp.cleanup());

  it("returns null before any profile is saved", async () => {
    expect(await caller.profile.get()).toBeNull();
  });

  it("saves a profile, cleaning its lists, and returns it", async () => {
    const saved = await caller.profile.save({
      languages: [" TypeScript ", "typescript", "Rust", ""],
      topics: ["web", "Web", "cli"],
      skillLevel: "intermediate",
      goals: "Contribute to developer tooling",
    });
    expect(saved).toMatchObject({
      languages: ["TypeScript", "Rust"],
      topics: ["web", "cli"],
      skillLevel: "intermediate",
      goals: "Contribute to developer tooling",
    });
    expect(Date.parse(saved.createdAt)).not.toBeNaN();
    expect(await caller.profile.get()).toEqual(saved);
  });

  it("replaces the single profile on the next save", async () => {
    const first = await caller.profile.get();
    const second = await caller.profile.save({
      languages: ["Go"],
      topics: [],
      skillLevel: "advanced",
      goals: "",
    });
    expect(second.id).toBe(first?.id);
    expect(second.createdAt).toBe(first?.createdAt);
    expect(await caller.profile.get()).toMatchObject({
      languages: ["Go"],
      topics: [],
      skillLevel: "advanced",
      goals: "",
    });
    expect(await temp.db.developerProfile.count()).toBe(1);
  });

  it("saves text holding a NUL character (PostgreSQL cannot store one) without it", async () => {
    const saved = await caller.profile.save({
      languages: ["Go\u0000"],
      topics: ["c\u0000li"],
      skillLevel: "beginner",
      goals: "Fix\u0000 small bugs",
    });
    expect(saved).toMatchObject({ languages: ["Go"], topics: ["cli"], goals: "Fix small bugs" });
    expect(await caller.profile.get()).toEqual(saved);
  });

  it.each([
    [
      { languages: [], topics: [], skillLevel: "beginner", goals: "" },
      "languages",
      "Add at least one language",
    ],
    [
      { languages: ["x".repeat(41)], topics: [], skillLevel: "beginner", goals: "" },
      "languages",
      "Each language must be at most 40 characters",
    ],
    [
      {
        languages: Array.from({ length: 21 }, (_, i) => `lang${i}`),
        topics: [],
        skillLevel: "beginner",
        goals: "",
      },
      "languages",
      "Add at most 20 languages",
    ],
    [
      { languages: ["Go"], topics: ["t".repeat(51)], skillLevel: "beginner", goals: "" },
      "topics",
      "Each topic must be at most 50 characters",
    ],
    [
      { languages: ["Go"], topics: [], skillLevel: "expert", goals: "" },
      "skillLevel",
      "Choose a skill level",
    ],
    [
      { languages: ["Go"], topics: [], skillLevel: "beginner", goals: "g".repeat(501) },
      "goals",
      "Goals must be at most 500 characters",
    ],
  ])(
    "rejects invalid input with a field error and keeps the saved profile (%#)",
    async (input, field, message) => {
      const before = await caller.profile.get();
      const error = await caller.profile.save(input as never).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(TRPCError);
      expect((error as TRPCError).code).toBe("BAD_REQUEST");
      expect(await caller.profile.get()).toEqual(before);
      // Through the formatter, as a client sees it.
      const shaped = await fetchShapedError(input);
      expect(shaped.message).toBe(message);
      expect(shaped.data.zodError.fieldErrors[field]).toContain(message);
    },
  );

  it("reports the active configuration", async () => {
    expect(await caller.scout.config()).toEqual({
      githubSource: "catalog",
      analyzer: "heuristic",
      model: null,
      githubWebOrigin: "https://github.com",
    });
    const llmCaller = createCaller({
      deps: createAppDependencies({
        env: parseEnv({ OPENAI_API_KEY: "k", SCOUT_MODEL: "llama3.1" }),
        db: temp.db,
      }),
      clientIp: "unknown",
      viewer: localViewer,
    });
    expect(await llmCaller.scout.config()).toEqual({
      githubSource: "catalog",
      analyzer: "llm",
      model: "llama3.1",
      githubWebOrigin: "https://github.com",
    });
  });

  async function fetchShapedError(input: unknown) {
    const { fetchRequestHandler } = await import("@trpc/server/adapters/fetch");
    const { appRouter } = await import("@/server/api/root");
    const response = await fetchRequestHandler({
      endpoint: "/api/trpc",
      req: new Request("http://scout.test/api/trpc/profile.save", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(input),
      }),
      router: appRouter,
      createContext: () => ({
        deps: createAppDependencies({ env: parseEnv({}), db: temp.db }),
        clientIp: "unknown",
        viewer: localViewer,
      }),
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as {
      error: { message: string; data: { zodError: { fieldErrors: Record<string, string[]> } } };
    };
    return body.error;
  }
});
