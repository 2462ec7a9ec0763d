import { expect, test } from "@playwright/test";
import { TRPCClientError } from "@trpc/client";
import { createScoutClient, type AppRouter } from "@/client";

// Other TypeScript code talks to the running app through createScoutClient, over real HTTP.
test.describe("createScoutClient", () => {
  test("reads the configuration and saves and reads the profile", async ({ baseURL }) => {
    const client = createScoutClient(baseURL!);
    expect(await client.scout.config.query()).toEqual({ githubSource: "catalog", analyzer: "heuristic", model: null });

    const saved = await client.profile.save.mutate({ languages: ["Kotlin"], topics: ["android"], skillLevel: "beginner", goals: "First PR" });
    expect(saved).toMatchObject({ languages: ["Kotlin"], topics: ["android"], skillLevel: "beginner", goals: "First PR" });
    expect(typeof saved.createdAt).toBe("string");
    expect(await client.profile.get.query()).toEqual(saved);
  });

  test("a validation error carries the field errors and a readable message", async ({ baseURL }) => {
    const client = createScoutClient(baseURL!);
    const error = await client.profile.save
      .mutate({ languages: [], topics: [], skillLevel: "beginner", goals: "" })
      .catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TRPCClientError);
    const typed = error as TRPCClientError<AppRouter>;
    expect(typed.message).toBe("Add at least one language");
    expect(typed.data?.code).toBe("BAD_REQUEST");
    expect(typed.data?.zodError?.fieldErrors.languages).toEqual(["Add at least one language"]);
  });
});
