import { TRPCClientError } from "@trpc/client";
import type { AppRouter } from "@/client";
import type { ScoutEvent } from "@/shared/events";
import { expect, runSearchToEnd, test } from "./fixtures";

// Other TypeScript code talks to the running app through createScoutClient, over real HTTP.
test.describe("createScoutClient", () => {
  test("reads the configuration and saves and reads the profile", async ({ api: client }) => {
    expect(await client.scout.config.query()).toEqual({
      githubSource: "catalog",
      analyzer: "heuristic",
      model: null,
      githubWebOrigin: "https://github.com",
    });

    const saved = await client.profile.save.mutate({
      languages: ["Kotlin"],
      topics: ["android"],
      skillLevel: "beginner",
      goals: "First PR",
    });
    expect(saved).toMatchObject({
      languages: ["Kotlin"],
      topics: ["android"],
      skillLevel: "beginner",
      goals: "First PR",
    });
    expect(typeof saved.createdAt).toBe("string");
    expect(await client.profile.get.query()).toEqual(saved);
  });

  test("a validation error carries the field errors and a readable message", async ({ api: client }) => {
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

test("a search started from Node and watched through scout.stream ends with complete", async ({
  api: client,
}) => {
  await client.profile.save.mutate({
    languages: ["Rust"],
    topics: ["cli"],
    skillLevel: "advanced",
    goals: "Systems tools",
  });
  const { runId, status } = await client.scout.search.mutate({ languages: ["Rust"], minStars: 0 });
  expect(status).toBe("running");
  const events = await new Promise<ScoutEvent[]>((resolve, reject) => {
    const received: ScoutEvent[] = [];
    const subscription = client.scout.stream.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          received.push(data);
          if (data.type === "complete" || data.type === "error" || data.type === "cancelled") {
            subscription.unsubscribe();
            resolve(received);
          }
        },
        onError: reject,
      },
    );
  });
  const last = events.at(-1);
  expect(last?.type).toBe("complete");
  if (last?.type !== "complete") return;
  expect(last.data.status).toBe("completed");
  expect(last.data.results.length).toBeGreaterThan(0);
  expect(events.filter((event) => event.type === "progress").at(-1)).toMatchObject({ phase: "analyzing" });
  const history = await client.scout.runs.query({ limit: 5 });
  expect(history.items[0]?.runId).toBe(runId);
});

test("a search that finds nothing ends with an error whose reason says so", async ({
  api,
  savedProfile: _savedProfile,
}) => {
  const { last } = await runSearchToEnd(api, { languages: ["Python"], query: "zzqqxxnothing" });
  // Clients branch on the reason; the message is prose for people and may be reworded.
  expect(last).toMatchObject({ type: "error", reason: "no-repositories" });
});
