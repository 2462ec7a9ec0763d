import { TRPCClientError } from "@trpc/client";
import { EventSource } from "eventsource";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createScoutClient, type ScoutClient } from "@/client";
import { createDb, type Db } from "@/server/db/client";
import { migrateStore } from "@/server/db/migrate-store";
import { signInAgainMessage } from "@/server/sources/github/errors";
import { findFreePort } from "../../scripts/lib/free-port";
import { startPostgresCluster, type PostgresCluster } from "../../scripts/lib/postgres-cluster";
import { followRunToEnd } from "../support/follow-run";
import {
  hostedServiceEnv,
  startApiInstance,
  startFakesProcess,
  startWorkerProcess,
  type FakesProcess,
  type ServiceProcess,
} from "../support/cluster-processes";
import { accountsModeEnv, sessionOf, signInWithGitHub, type CookieJar } from "../support/github-sign-in";

/**
 * The accounts mode as it is deployed: one PostgreSQL, two web instances people sign in to, and a worker that
 * executes everyone's searches, each with its owner's own GitHub token (opened with SCOUT_TOKEN_KEYS in the
 * worker's process). A session made on one instance holds on the other; nobody reaches another person's run
 * from either; a token revoked on GitHub ends its owner's next search with "sign in again".
 */

const OPERATOR_TOKEN = "fake_gh_clusterOperator000000000000000000";
const OPENAI_KEY = "fake_oa_cluster-accounts-00000000000000000";
const TOKEN_KEYS = `k1:${Buffer.alloc(32, 11).toString("base64")}`;

let postgres: PostgresCluster;
let db: Db;
let fakes: FakesProcess;
let webA: ServiceProcess & { url: string };
let webB: ServiceProcess & { url: string };
let worker: ServiceProcess;

/** One service's environment: the accounts mode, at the address people reach it (its own port). */
function accountsEnv(databaseUrl: string, port?: number): Record<string, string> {
  return hostedServiceEnv({
    databaseUrl,
    fakes,
    githubToken: OPERATOR_TOKEN,
    openaiKey: OPENAI_KEY,
    overrides: {
      ...accountsModeEnv({
        githubUrl: fakes.githubUrl,
        // A worker is reached by nobody: its sign-in settings only open the tokens it searches with.
        publicUrl: `http://127.0.0.1:${port ?? 0}`,
        tokenKeys: TOKEN_KEYS,
      }),
      SCOUT_GITHUB_QUERY_INTERVAL_MS: "0",
      SCOUT_MAX_REPOS: "10",
      ...(port === undefined ? {} : { PORT: String(port) }),
    },
  });
}

/** The API of one instance, as the person whose session the jar holds (or nobody). */
function clientOf(instance: { url: string }, jar: CookieJar | null): ScoutClient {
  return createScoutClient(instance.url, {
    EventSource,
    headers: jar ? { cookie: jar.header() } : {},
  });
}

/** A person signed in on one instance: their jar, and their id. */
async function signIn(instance: { url: string }, login: string) {
  const { jar } = await signInWithGitHub({
    appUrl: instance.url,
    githubUrl: fakes.githubUrl,
    choice: { authorizeAs: login },
  });
  const session = await sessionOf(instance.url, jar);
  if (!session) throw new Error(`${login} could not sign in on ${instance.url}`);
  return { jar, userId: session.user.id };
}

async function refusal(call: Promise<unknown>) {
  const error = await call.then(
    () => null,
    (caught: unknown) => caught,
  );
  if (!(error instanceof TRPCClientError)) throw new Error("the call was not refused");
  return { code: (error.data as { code?: string } | undefined)?.code, message: error.message };
}

const profile = {
  languages: ["Python", "TypeScript"],
  topics: ["web"],
  skillLevel: "intermediate" as const,
  goals: "Developer tools",
};
const search = { languages: ["Python"], minStars: 0 };

beforeAll(async () => {
  postgres = await startPostgresCluster();
  const databaseUrl = await postgres.createDatabase("scout_accounts_cluster");
  await migrateStore({ databaseUrl });
  db = createDb({ databaseUrl });
  fakes = await startFakesProcess({ githubToken: OPERATOR_TOKEN, openaiKey: OPENAI_KEY });
  const [portA, portB] = await Promise.all([findFreePort(), findFreePort()]);
  [webA, webB, worker] = await Promise.all([
    startApiInstance(accountsEnv(databaseUrl, portA)),
    startApiInstance(accountsEnv(databaseUrl, portB)),
    startWorkerProcess(accountsEnv(databaseUrl)),
  ]);
}, 120_000);

afterEach((context) => {
  if (context.task.result?.state !== "fail") return;
  for (const [name, service] of [
    ["web A", webA],
    ["web B", webB],
    ["worker", worker],
  ] as const) {
    console.error(`--- ${name} (pid ${service.pid}) ---\n${service.output().slice(-4000)}`);
  }
});

afterAll(async () => {
  await Promise.all([webA, webB, worker, fakes].filter(Boolean).map((service) => service.stop()));
  await db.$disconnect();
  postgres.stop();
}, 60_000);

describe("the accounts mode on two web instances and a worker", { timeout: 120_000 }, () => {
  it("runs each person's search on the worker with their own GitHub token, and shows it to nobody else", async () => {
    const mona = await signIn(webA, "MonaLisa-Dev");
    const hubot = await signIn(webB, "hubot-private");
    // A session made on one instance holds on the other.
    await clientOf(webB, mona.jar).profile.save.mutate(profile);
    await clientOf(webA, hubot.jar).profile.save.mutate({ ...profile, goals: "Hubot's goals" });

    const { runId } = await clientOf(webA, mona.jar).scout.search.mutate(search);
    const events = await followRunToEnd(clientOf(webB, mona.jar), runId);
    expect(events.at(-1)?.type).toBe("complete");

    const { requests } = await fakes.control.githubRequests();
    const credentials = new Set(
      requests.filter((request) => request.path === "/graphql").map((r) => r.credential),
    );
    expect([...credentials]).toEqual(["MonaLisa-Dev"]);

    // Hubot, on either instance, finds no such run; his history and profile are his own.
    for (const instance of [webA, webB]) {
      const asHubot = clientOf(instance, hubot.jar);
      expect(await refusal(asHubot.scout.results.query({ runId }))).toMatchObject({ code: "NOT_FOUND" });
      expect(await refusal(asHubot.scout.cancel.mutate({ runId }))).toMatchObject({ code: "NOT_FOUND" });
      await expect(followRunToEnd(asHubot, runId)).rejects.toMatchObject({ data: { code: "NOT_FOUND" } });
      expect((await asHubot.scout.runs.query({})).items).toEqual([]);
      expect(await asHubot.profile.get.query()).toMatchObject({ goals: "Hubot's goals" });
      // Without a session, nothing at all.
      expect(await refusal(clientOf(instance, null).scout.runs.query({}))).toMatchObject({
        code: "UNAUTHORIZED",
      });
    }
    const exported = await fetch(`${webB.url}/api/runs/${runId}/export?format=json`, {
      headers: { cookie: hubot.jar.header() },
    });
    expect(exported.status).toBe(404);
  });

  it("ends a search with 'sign in again' on whichever instance is watching once GitHub revokes the token", async () => {
    const person = await signIn(webB, "nameless42");
    await clientOf(webA, person.jar).profile.save.mutate(profile);
    await fakes.control.revokeGitHubUser("nameless42");

    const { runId } = await clientOf(webB, person.jar).scout.search.mutate(search);
    const events = await followRunToEnd(clientOf(webA, person.jar), runId);
    expect(events.at(-1)).toEqual({
      type: "error",
      reason: "failed",
      blockedBy: "github-sign-in",
      message: signInAgainMessage,
    });
    // The next search is refused before it is recorded, on either instance.
    const runs = await db.searchRun.count({ where: { userId: person.userId } });
    expect(await refusal(clientOf(webA, person.jar).scout.search.mutate(search))).toMatchObject({
      code: "PRECONDITION_FAILED",
      message: signInAgainMessage,
    });
    expect(await db.searchRun.count({ where: { userId: person.userId } })).toBe(runs);
  });
});
