import { describe, expect, expectTypeOf, it } from "vitest";
import { EnvError, parseEnv } from "@/env";

function problemsOf(source: Record<string, string>): string {
  try {
    parseEnv(source);
  } catch (error) {
    expect(error).toBeInstanceOf(EnvError);
    return (error as EnvError).message;
  }
  throw new Error("expected parseEnv to fail");
}

describe("environment validation", () => {
  it("runs offline with every default when nothing is set", () => {
    const env = parseEnv({});
    expect(env).toMatchObject({
      DATABASE_URL: "file:./data/scout.db",
      PORT: 3000,
      SCOUT_GITHUB_SOURCE: "catalog",
      GITHUB_API_URL: "https://api.github.com",
      SCOUT_ANALYZER: "heuristic",
      OPENAI_BASE_URL: "https://api.openai.com/v1",
      SCOUT_MODEL: "gpt-4o-mini",
      SCOUT_MAX_REPOS: 50,
      SCOUT_BATCH_SIZE: 8,
      SCOUT_BATCH_CONCURRENCY: 3,
      SCOUT_ANALYSIS_TIMEOUT_MS: 60_000,
      SCOUT_README_MAX_CHARS: 16_000,
      SCOUT_GITHUB_TIMEOUT_MS: 30_000,
      SCOUT_GITHUB_QUERY_INTERVAL_MS: 1000,
      SCOUT_RUN_TIMEOUT_MS: 600_000,
      SCOUT_SEARCH_RATE_LIMIT: 5,
      SCOUT_TRUST_PROXY: false,
    });
  });

  it("switches to live GitHub and the LLM when their credentials are present", () => {
    const env = parseEnv({ GITHUB_TOKEN: "ghp_example", OPENAI_API_KEY: "sk-example" });
    expect(env.SCOUT_GITHUB_SOURCE).toBe("live");
    expect(env.SCOUT_ANALYZER).toBe("llm");
  });

  it("hands each credential over with the choice that needs it, as a type the code can rely on", () => {
    const env = parseEnv({ GITHUB_TOKEN: "ghp_example", OPENAI_API_KEY: "sk-example" });
    if (env.githubTokens !== "operator" || env.SCOUT_ANALYZER !== "llm")
      throw new Error("expected live with the operator's token + llm");
    // Narrowing on the choice is enough: no second check of the credential anywhere.
    expectTypeOf(env.GITHUB_TOKEN).toEqualTypeOf<string>();
    expectTypeOf(env.OPENAI_API_KEY).toEqualTypeOf<string>();
    expect([env.GITHUB_TOKEN, env.OPENAI_API_KEY]).toEqual(["ghp_example", "sk-example"]);
  });

  it("reports both missing credentials at once", () => {
    const message = problemsOf({ SCOUT_GITHUB_SOURCE: "live", SCOUT_ANALYZER: "llm" });
    expect(message).toContain("GITHUB_TOKEN: GITHUB_TOKEN is required when SCOUT_GITHUB_SOURCE=live");
    expect(message).toContain("OPENAI_API_KEY: OPENAI_API_KEY is required when SCOUT_ANALYZER=llm");
  });

  it("keeps an explicit offline choice even when credentials exist", () => {
    const env = parseEnv({
      GITHUB_TOKEN: "t",
      SCOUT_GITHUB_SOURCE: "catalog",
      OPENAI_API_KEY: "k",
      SCOUT_ANALYZER: "heuristic",
    });
    expect(env.SCOUT_GITHUB_SOURCE).toBe("catalog");
    expect(env.SCOUT_ANALYZER).toBe("heuristic");
  });

  it("treats empty values as unset", () => {
    expect(parseEnv({ PORT: "", SCOUT_BATCH_SIZE: " ", GITHUB_TOKEN: "" }).SCOUT_GITHUB_SOURCE).toBe(
      "catalog",
    );
  });

  it("names the variable and the reason for an out-of-range batch size", () => {
    expect(problemsOf({ SCOUT_BATCH_SIZE: "50" })).toContain(
      'SCOUT_BATCH_SIZE: SCOUT_BATCH_SIZE must be between 5 and 10 (got "50")',
    );
  });

  it("takes the GitHub request and run deadlines in milliseconds, and refuses a deadline of nothing", () => {
    const env = parseEnv({ SCOUT_GITHUB_TIMEOUT_MS: "20000", SCOUT_RUN_TIMEOUT_MS: "300000" });
    expect(env.SCOUT_GITHUB_TIMEOUT_MS).toBe(20_000);
    expect(env.SCOUT_RUN_TIMEOUT_MS).toBe(300_000);
    expect(problemsOf({ SCOUT_GITHUB_TIMEOUT_MS: "0" })).toContain(
      'SCOUT_GITHUB_TIMEOUT_MS: SCOUT_GITHUB_TIMEOUT_MS must be between 100 and 600000 (got "0")',
    );
    expect(problemsOf({ SCOUT_RUN_TIMEOUT_MS: "10m" })).toContain(
      'SCOUT_RUN_TIMEOUT_MS: SCOUT_RUN_TIMEOUT_MS must be a whole number (got "10m")',
    );
  });

  it("paces GitHub queries a second apart unless told otherwise, and takes no pause at all", () => {
    expect(parseEnv({ SCOUT_GITHUB_QUERY_INTERVAL_MS: "0" }).SCOUT_GITHUB_QUERY_INTERVAL_MS).toBe(0);
    expect(problemsOf({ SCOUT_GITHUB_QUERY_INTERVAL_MS: "90000" })).toContain(
      'SCOUT_GITHUB_QUERY_INTERVAL_MS: SCOUT_GITHUB_QUERY_INTERVAL_MS must be between 0 and 60000 (got "90000")',
    );
  });

  it("rejects a live GitHub source without a token", () => {
    expect(problemsOf({ SCOUT_GITHUB_SOURCE: "live" })).toContain(
      "GITHUB_TOKEN is required when SCOUT_GITHUB_SOURCE=live",
    );
  });

  it("rejects the LLM analyzer without a key", () => {
    expect(problemsOf({ SCOUT_ANALYZER: "llm" })).toContain(
      "OPENAI_API_KEY is required when SCOUT_ANALYZER=llm",
    );
  });

  it("lists every problem at once", () => {
    const message = problemsOf({
      PORT: "abc",
      SCOUT_GITHUB_SOURCE: "github",
      OPENAI_BASE_URL: "not a url",
      SCOUT_TRUST_PROXY: "yes",
    });
    expect(message).toContain("PORT: PORT must be a whole number");
    expect(message).toContain("SCOUT_GITHUB_SOURCE must be live or catalog");
    expect(message).toContain("OPENAI_BASE_URL must be an http(s) URL");
    expect(message).toContain("SCOUT_TRUST_PROXY must be 0 or 1");
  });

  it("never echoes a secret in its message", () => {
    const message = problemsOf({
      SCOUT_ANALYZER: "llm",
      GITHUB_TOKEN: "fake_gh_supersecretvalue",
      SCOUT_BATCH_SIZE: "0",
    });
    expect(message).not.toContain("fake_gh_supersecretvalue");
  });

  it("takes a SQLite file or a PostgreSQL URL, and refuses anything else without echoing it", () => {
    expect(parseEnv({}).DATABASE_URL).toBe("file:./data/scout.db");
    expect(parseEnv({ DATABASE_URL: "postgres://scout:pw@db:5432/scout" }).DATABASE_URL).toBe(
      "postgres://scout:pw@db:5432/scout",
    );
    expect(parseEnv({ DATABASE_URL: "postgresql://db/scout" }).DATABASE_URL).toBe("postgresql://db/scout");
    const message = problemsOf({ DATABASE_URL: "mysql://root:hunter2@localhost/db" });
    expect(message).toContain(
      "DATABASE_URL must be a SQLite file URL such as file:./data/scout.db, or a PostgreSQL URL",
    );
    expect(message).not.toContain("hunter2");
  });

  it("reads the hosted mode's worker settings, with defaults", () => {
    const defaults = parseEnv({});
    expect(defaults).toMatchObject({
      SCOUT_RUN_WORKER: false,
      SCOUT_WORKER_CONCURRENCY: 4,
      SCOUT_MAX_ACTIVE_SEARCHES: 20,
      SCOUT_RUN_LEASE_MS: 15_000,
    });
    expect(parseEnv({ SCOUT_RUN_WORKER: "1", SCOUT_WORKER_CONCURRENCY: "8" })).toMatchObject({
      SCOUT_RUN_WORKER: true,
      SCOUT_WORKER_CONCURRENCY: 8,
    });
    expect(problemsOf({ SCOUT_WORKER_CONCURRENCY: "0" })).toContain(
      "SCOUT_WORKER_CONCURRENCY must be between 1 and 64",
    );
    expect(problemsOf({ SCOUT_RUN_WORKER: "yes" })).toContain("SCOUT_RUN_WORKER must be 0 or 1");
  });

  it("accepts an OpenAI-compatible base URL and trims its trailing slash", () => {
    expect(parseEnv({ OPENAI_BASE_URL: "http://127.0.0.1:11434/v1/" }).OPENAI_BASE_URL).toBe(
      "http://127.0.0.1:11434/v1",
    );
  });
});

describe("network exposure settings", () => {
  it("binds to loopback only and answers the default host names when nothing is set", () => {
    expect(parseEnv({})).toMatchObject({ HOST: "127.0.0.1", SCOUT_ALLOWED_HOSTS: null });
    expect(parseEnv({ HOST: " ", SCOUT_ALLOWED_HOSTS: "" })).toMatchObject({
      HOST: "127.0.0.1",
      SCOUT_ALLOWED_HOSTS: null,
    });
  });

  it("accepts any interface address or host name for HOST, IPv6 with or without brackets", () => {
    expect(parseEnv({ HOST: "0.0.0.0" }).HOST).toBe("0.0.0.0");
    expect(parseEnv({ HOST: "::" }).HOST).toBe("::");
    expect(parseEnv({ HOST: "[::1]" }).HOST).toBe("::1");
    expect(parseEnv({ HOST: "Scout.LAN" }).HOST).toBe("scout.lan");
  });

  it("refuses a HOST that is a URL, carries a port or is not a host at all", () => {
    for (const HOST of ["http://0.0.0.0", "127.0.0.1:3000", "my host", "user@host"]) {
      expect(problemsOf({ HOST })).toContain(
        `HOST: HOST must be an interface address or host name such as 127.0.0.1, 0.0.0.0 or ::1 (got ${JSON.stringify(HOST)})`,
      );
    }
  });

  it("reads SCOUT_ALLOWED_HOSTS as a comma-separated list, ports and * allowed", () => {
    expect(
      parseEnv({ SCOUT_ALLOWED_HOSTS: " scout.lan, 192.168.1.20:8080 ,[::1],*," }).SCOUT_ALLOWED_HOSTS,
    ).toEqual(["scout.lan", "192.168.1.20:8080", "[::1]", "*"]);
  });

  it("names each SCOUT_ALLOWED_HOSTS entry that is not a host", () => {
    const message = problemsOf({ SCOUT_ALLOWED_HOSTS: "ok.lan,http://evil.example,a b,host:99999" });
    expect(message).toContain('SCOUT_ALLOWED_HOSTS entry "http://evil.example" is not a host name');
    expect(message).toContain('SCOUT_ALLOWED_HOSTS entry "a b" is not a host name');
    expect(message).toContain('SCOUT_ALLOWED_HOSTS entry "host:99999" is not a host name');
    expect(message).not.toContain('"ok.lan" is not');
  });
});

describe("sign-in settings", () => {
  const accounts = {
    AUTH_GITHUB_ID: "Ov23liClientId",
    AUTH_GITHUB_SECRET: "client-secret-value-1234",
    AUTH_SECRET: "s".repeat(40),
    SCOUT_TOKEN_KEYS: `k1:${Buffer.alloc(32, 7).toString("base64")}`,
  };

  it("is the local mode, with nobody signing in, when none is set", () => {
    expect(parseEnv({}).auth).toEqual({ mode: "local" });
    expect(parseEnv({}).GITHUB_WEB_URL).toBe("https://github.com");
  });

  it("is the accounts mode when every one is set", () => {
    expect(parseEnv(accounts).auth).toEqual({
      mode: "accounts",
      githubClientId: accounts.AUTH_GITHUB_ID,
      githubClientSecret: accounts.AUTH_GITHUB_SECRET,
      sessionSecret: accounts.AUTH_SECRET,
      tokenKeys: accounts.SCOUT_TOKEN_KEYS,
    });
  });

  it("searches live GitHub with each person's own token, needing no GITHUB_TOKEN", () => {
    const env = parseEnv(accounts);
    expect([env.SCOUT_GITHUB_SOURCE, env.githubTokens, env.GITHUB_TOKEN]).toEqual([
      "live",
      "each-person",
      undefined,
    ]);
    // The operator's token, if set, is still not what people search with.
    expect(parseEnv({ ...accounts, GITHUB_TOKEN: "ghp_operator" }).githubTokens).toBe("each-person");
    // The offline catalog stays available, chosen explicitly.
    expect(parseEnv({ ...accounts, SCOUT_GITHUB_SOURCE: "catalog" }).githubTokens).toBe("none");
  });

  it("names each missing one rather than falling back to no sign-in, and never echoes a secret", () => {
    const message = problemsOf({ AUTH_GITHUB_ID: "id", AUTH_SECRET: "short-secret" });
    expect(message).toContain("AUTH_GITHUB_SECRET: AUTH_GITHUB_SECRET is required for sign-in with GitHub");
    expect(message).toContain("SCOUT_TOKEN_KEYS: SCOUT_TOKEN_KEYS is required for sign-in with GitHub");
    expect(message).toContain("AUTH_SECRET: AUTH_SECRET must be at least 32 characters");
    expect(message).not.toContain("short-secret");
  });
});
