import { z } from "zod";
import { parseTokenKeys, TokenCipherError } from "@/server/auth/token-cipher";
import { describeAllowedHostProblem, parseBindHost } from "@/server/http/host-allowlist";

/**
 * The only reader of process.env. Every variable of docs/api.md is validated here once; the rest of the
 * code receives a typed `Env` (or the pieces of it it needs) as a dependency.
 */

// Unset and empty both mean "use the default", as in most shells' `VAR= cmd`.
const blankToUndefined = (value: unknown) =>
  typeof value === "string" && value.trim() === "" ? undefined : value;

function optionalInteger(name: string, { min, max }: { min: number; max: number }) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .regex(/^\d+$/, `${name} must be a whole number`)
      .transform(Number)
      .pipe(
        z
          .number()
          .min(min, `${name} must be between ${min} and ${max}`)
          .max(max, `${name} must be between ${min} and ${max}`),
      )
      .optional(),
  );
}

function integer(name: string, { min, max, fallback }: { min: number; max: number; fallback: number }) {
  return optionalInteger(name, { min, max }).transform((value) => value ?? fallback);
}

const optionalSecret = z.preprocess(blankToUndefined, z.string().optional());

function flag(name: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .enum(["0", "1", "true", "false"], { error: `${name} must be 0 or 1` })
      .default("0")
      .transform((value) => value === "1" || value === "true"),
  );
}

/** An http(s) URL without its trailing slashes, or undefined when unset. */
function optionalHttpUrl(name: string) {
  return z.preprocess(
    blankToUndefined,
    z
      .string()
      .refine(
        (value) => /^https?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
        `${name} must be an http(s) URL`,
      )
      .transform((value) => value.replace(/\/+$/, ""))
      .optional(),
  );
}

function httpUrl(name: string, fallback: string) {
  return optionalHttpUrl(name).transform((value) => value ?? fallback);
}

/**
 * The GitHub source and its credential. Without sign-in, live GitHub cannot be chosen without the operator's
 * token. With sign-in, each person's searches call GitHub with their own token, so live GitHub is the default
 * and GITHUB_TOKEN is not used for searches.
 */
export type GitHubSourceEnv =
  | { SCOUT_GITHUB_SOURCE: "live"; githubTokens: "operator"; GITHUB_TOKEN: string }
  | { SCOUT_GITHUB_SOURCE: "live"; githubTokens: "each-person"; GITHUB_TOKEN: string | undefined }
  | { SCOUT_GITHUB_SOURCE: "catalog"; githubTokens: "none"; GITHUB_TOKEN: string | undefined };

/** The analyzer and its credential: the LLM cannot be chosen without a key. */
export type AnalyzerEnv =
  | { SCOUT_ANALYZER: "llm"; OPENAI_API_KEY: string }
  | { SCOUT_ANALYZER: "heuristic"; OPENAI_API_KEY: string | undefined };

function resolveGitHubSource(
  chosen: "live" | "catalog" | undefined,
  token: string | undefined,
  peopleSignIn: boolean,
): GitHubSourceEnv | null {
  const source = chosen ?? (token || peopleSignIn ? "live" : "catalog");
  if (source === "catalog")
    return { SCOUT_GITHUB_SOURCE: "catalog", githubTokens: "none", GITHUB_TOKEN: token };
  if (peopleSignIn) return { SCOUT_GITHUB_SOURCE: "live", githubTokens: "each-person", GITHUB_TOKEN: token };
  return token ? { SCOUT_GITHUB_SOURCE: "live", githubTokens: "operator", GITHUB_TOKEN: token } : null;
}

/**
 * Who may use the server. Local (the default): nobody signs in, everything is the local user's. Accounts:
 * people sign in with GitHub and each has their own data; on when the GitHub OAuth app and a session secret
 * are configured, and every part of it must be.
 */
export type AuthEnv =
  | { mode: "local" }
  | {
      mode: "accounts";
      githubClientId: string;
      githubClientSecret: string;
      sessionSecret: string;
      /** SCOUT_TOKEN_KEYS as given: "id:base64key,…", the first sealing (src/server/auth/token-cipher.ts). */
      tokenKeys: string;
    };

const accountsSettings = ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET", "AUTH_SECRET", "SCOUT_TOKEN_KEYS"] as const;
type AccountsSettings = Record<(typeof accountsSettings)[number], string | undefined>;

function resolveAuth(given: AccountsSettings, ctx: z.RefinementCtx): AuthEnv | null {
  const missing = accountsSettings.filter((name) => given[name] === undefined);
  if (missing.length === accountsSettings.length) return { mode: "local" };
  for (const name of missing) {
    ctx.addIssue({
      code: "custom",
      path: [name],
      message: `${name} is required for sign-in with GitHub (set ${accountsSettings.join(", ")}, or none of them)`,
    });
  }
  if (given.AUTH_SECRET !== undefined && given.AUTH_SECRET.length < 32) {
    ctx.addIssue({
      code: "custom",
      path: ["AUTH_SECRET"],
      message: "AUTH_SECRET must be at least 32 characters",
    });
    return null;
  }
  if (given.SCOUT_TOKEN_KEYS !== undefined) {
    try {
      parseTokenKeys(given.SCOUT_TOKEN_KEYS);
    } catch (error) {
      if (!(error instanceof TokenCipherError)) throw error;
      ctx.addIssue({ code: "custom", path: ["SCOUT_TOKEN_KEYS"], message: error.message });
      return null;
    }
  }
  const { AUTH_GITHUB_ID, AUTH_GITHUB_SECRET, AUTH_SECRET, SCOUT_TOKEN_KEYS } = given;
  if (!AUTH_GITHUB_ID || !AUTH_GITHUB_SECRET || !AUTH_SECRET || !SCOUT_TOKEN_KEYS) return null;
  return {
    mode: "accounts",
    githubClientId: AUTH_GITHUB_ID,
    githubClientSecret: AUTH_GITHUB_SECRET,
    sessionSecret: AUTH_SECRET,
    tokenKeys: SCOUT_TOKEN_KEYS,
  };
}

function resolveAnalyzer(
  chosen: "llm" | "heuristic" | undefined,
  key: string | undefined,
): AnalyzerEnv | null {
  const analyzer = chosen ?? (key ? "llm" : "heuristic");
  if (analyzer === "heuristic") return { SCOUT_ANALYZER: "heuristic", OPENAI_API_KEY: key };
  return key ? { SCOUT_ANALYZER: "llm", OPENAI_API_KEY: key } : null;
}

const envSchema = z
  .object({
    NODE_ENV: z.preprocess(
      blankToUndefined,
      z.enum(["development", "production", "test"]).default("development"),
    ),
    DATABASE_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(
          (value) =>
            /^file:.+/.test(value) || (/^postgres(ql)?:\/\/\S+$/i.test(value) && URL.canParse(value)),
          "DATABASE_URL must be a SQLite file URL such as file:./data/scout.db, or a PostgreSQL URL such as postgres://scout@db.example:5432/scout",
        )
        .default("file:./data/scout.db"),
    ),
    PORT: integer("PORT", { min: 1, max: 65535, fallback: 3000 }),
    // Loopback only unless the owner opens it: the app has no sign-in.
    HOST: z.preprocess(
      blankToUndefined,
      z
        .string()
        .default("127.0.0.1")
        .transform((value, ctx) => {
          const bindHost = parseBindHost(value);
          if (bindHost) return bindHost;
          ctx.addIssue({
            code: "custom",
            message: "HOST must be an interface address or host name such as 127.0.0.1, 0.0.0.0 or ::1",
          });
          return z.NEVER;
        }),
    ),
    // null means the default: the loopback names plus HOST (see src/server/http/host-allowlist.ts).
    SCOUT_ALLOWED_HOSTS: z.preprocess(
      blankToUndefined,
      z
        .string()
        .transform((value, ctx) => {
          const entries = value
            .split(",")
            .map((entry) => entry.trim())
            .filter((entry) => entry !== "");
          for (const entry of entries) {
            const problem = describeAllowedHostProblem(entry);
            if (problem) ctx.addIssue({ code: "custom", message: `SCOUT_ALLOWED_HOSTS entry ${problem}` });
          }
          return entries;
        })
        .optional()
        .transform((entries) => (entries && entries.length > 0 ? entries : null)),
    ),
    SCOUT_GITHUB_SOURCE: z.preprocess(
      blankToUndefined,
      z.enum(["live", "catalog"], { error: "SCOUT_GITHUB_SOURCE must be live or catalog" }).optional(),
    ),
    GITHUB_TOKEN: optionalSecret,
    GITHUB_API_URL: httpUrl("GITHUB_API_URL", "https://api.github.com"),
    SCOUT_ANALYZER: z.preprocess(
      blankToUndefined,
      z.enum(["llm", "heuristic"], { error: "SCOUT_ANALYZER must be llm or heuristic" }).optional(),
    ),
    OPENAI_API_KEY: optionalSecret,
    OPENAI_BASE_URL: httpUrl("OPENAI_BASE_URL", "https://api.openai.com/v1"),
    SCOUT_MODEL: z.preprocess(
      blankToUndefined,
      z.string().max(200, "SCOUT_MODEL is too long").default("gpt-4o-mini"),
    ),
    SCOUT_MAX_REPOS: integer("SCOUT_MAX_REPOS", { min: 1, max: 1000, fallback: 50 }),
    SCOUT_BATCH_SIZE: integer("SCOUT_BATCH_SIZE", { min: 5, max: 10, fallback: 8 }),
    SCOUT_BATCH_CONCURRENCY: integer("SCOUT_BATCH_CONCURRENCY", { min: 1, max: 16, fallback: 3 }),
    SCOUT_ANALYSIS_TIMEOUT_MS: integer("SCOUT_ANALYSIS_TIMEOUT_MS", {
      min: 100,
      max: 600_000,
      fallback: 60_000,
    }),
    SCOUT_README_MAX_CHARS: integer("SCOUT_README_MAX_CHARS", { min: 100, max: 1_000_000, fallback: 16_000 }),
    SCOUT_GITHUB_TIMEOUT_MS: integer("SCOUT_GITHUB_TIMEOUT_MS", { min: 100, max: 600_000, fallback: 30_000 }),
    // GitHub asks for pauses between calls from one token; a GitHub Enterprise Server without rate limits needs none.
    SCOUT_GITHUB_QUERY_INTERVAL_MS: integer("SCOUT_GITHUB_QUERY_INTERVAL_MS", {
      min: 0,
      max: 60_000,
      fallback: 1000,
    }),
    SCOUT_RUN_TIMEOUT_MS: integer("SCOUT_RUN_TIMEOUT_MS", { min: 100, max: 86_400_000, fallback: 600_000 }),
    SCOUT_SEARCH_RATE_LIMIT: integer("SCOUT_SEARCH_RATE_LIMIT", { min: 1, max: 100_000, fallback: 5 }),
    // LLM tokens (input and output) each person may spend in a calendar month (UTC); unset: no limit.
    SCOUT_USER_MONTHLY_LLM_TOKENS: optionalInteger("SCOUT_USER_MONTHLY_LLM_TOKENS", {
      min: 1,
      max: 1_000_000_000_000,
    }).transform((value) => value ?? null),
    // The hosted mode (DATABASE_URL=postgres://…): runs are jobs that worker processes execute.
    SCOUT_RUN_WORKER: flag("SCOUT_RUN_WORKER"),
    SCOUT_WORKER_CONCURRENCY: integer("SCOUT_WORKER_CONCURRENCY", { min: 1, max: 64, fallback: 4 }),
    // Searches running at once, over the whole server (every instance and worker); one per client besides.
    SCOUT_MAX_ACTIVE_SEARCHES: integer("SCOUT_MAX_ACTIVE_SEARCHES", { min: 1, max: 10_000, fallback: 20 }),
    // A worker renews its claim on a run this often (a third of it); a claim not renewed means it died.
    SCOUT_RUN_LEASE_MS: integer("SCOUT_RUN_LEASE_MS", { min: 1000, max: 600_000, fallback: 15_000 }),
    // How long a run may wait for a worker to take it (or to resume it) before it ends interrupted.
    SCOUT_RUN_PICKUP_TIMEOUT_MS: integer("SCOUT_RUN_PICKUP_TIMEOUT_MS", {
      min: 1000,
      max: 86_400_000,
      fallback: 600_000,
    }),
    SCOUT_TRUST_PROXY: flag("SCOUT_TRUST_PROXY"),
    // Sign-in with GitHub (the accounts mode): the OAuth app, the session secret and the token keys.
    AUTH_GITHUB_ID: optionalSecret,
    AUTH_GITHUB_SECRET: optionalSecret,
    AUTH_SECRET: optionalSecret,
    SCOUT_TOKEN_KEYS: optionalSecret,
    // Where people sign in to GitHub; a GitHub Enterprise Server has its own.
    GITHUB_WEB_URL: httpUrl("GITHUB_WEB_URL", "https://github.com"),
    // The address people reach the app at: sign-in's callback URL is built on it.
    SCOUT_PUBLIC_URL: optionalHttpUrl("SCOUT_PUBLIC_URL"),
    // Watched searches mail their digests through this SMTP server (smtp:// or smtps://, credentials in the
    // URL); unset: digests go to the feeds only.
    SCOUT_SMTP_URL: z.preprocess(
      blankToUndefined,
      z
        .string()
        .refine(
          (value) => /^smtps?:\/\/[^\s]+$/.test(value) && URL.canParse(value),
          "SCOUT_SMTP_URL must be an smtp:// or smtps:// URL",
        )
        .optional(),
    ),
    SCOUT_MAIL_FROM: z.preprocess(
      blankToUndefined,
      z
        .string()
        .max(200, "SCOUT_MAIL_FROM is too long")
        .refine((value) => !/[\r\n]/.test(value), "SCOUT_MAIL_FROM must be one line")
        .default("GitHub Scout <scout@localhost>"),
    ),
    // 0 turns off running watches on their schedules in this process (tests drive the scheduler themselves).
    SCOUT_WATCH_SCHEDULER: z.preprocess(
      blankToUndefined,
      z
        .enum(["0", "1", "true", "false"], { error: "SCOUT_WATCH_SCHEDULER must be 0 or 1" })
        .default("1")
        .transform((value) => value === "1" || value === "true"),
    ),
  })
  .transform((raw, ctx) => {
    const {
      SCOUT_GITHUB_SOURCE,
      GITHUB_TOKEN,
      SCOUT_ANALYZER,
      OPENAI_API_KEY,
      AUTH_GITHUB_ID,
      AUTH_GITHUB_SECRET,
      AUTH_SECRET,
      SCOUT_TOKEN_KEYS,
      ...settings
    } = raw;
    const analyzer = resolveAnalyzer(SCOUT_ANALYZER, OPENAI_API_KEY);
    const auth = resolveAuth({ AUTH_GITHUB_ID, AUTH_GITHUB_SECRET, AUTH_SECRET, SCOUT_TOKEN_KEYS }, ctx);
    const github = resolveGitHubSource(SCOUT_GITHUB_SOURCE, GITHUB_TOKEN, auth?.mode === "accounts");
    if (!github) {
      ctx.addIssue({
        code: "custom",
        path: ["GITHUB_TOKEN"],
        message:
          "GITHUB_TOKEN is required when SCOUT_GITHUB_SOURCE=live without sign-in (with sign-in, each person's own token is used)",
      });
    }
    if (!analyzer) {
      ctx.addIssue({
        code: "custom",
        path: ["OPENAI_API_KEY"],
        message: "OPENAI_API_KEY is required when SCOUT_ANALYZER=llm",
      });
    }
    if (!github || !analyzer || !auth) return z.NEVER;
    return { ...settings, ...github, ...analyzer, auth };
  });

/**
 * The validated environment: a union in which live GitHub always has its token and the LLM analyzer its
 * key, so code that picks one narrows on the choice and never checks the credential again.
 */
export type Env = z.output<typeof envSchema>;

// A PostgreSQL URL may carry a password, so it is never echoed either.
const secretNames = new Set([
  "GITHUB_TOKEN",
  "OPENAI_API_KEY",
  "DATABASE_URL",
  "AUTH_GITHUB_SECRET",
  "AUTH_SECRET",
  "SCOUT_TOKEN_KEYS",
  "SCOUT_SMTP_URL",
]);

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid environment:\n${problems.map((problem) => `  - ${problem}`).join("\n")}`);
    this.name = "EnvError";
  }
}

/** Validates a set of variables; throws EnvError naming each bad variable (never echoing a secret). */
export function parseEnv(source: Record<string, string | undefined>): Env {
  const parsed = envSchema.safeParse(source);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => {
    const name = String(issue.path[0] ?? "environment");
    const given = source[name];
    const shown = given === undefined || secretNames.has(name) ? "" : ` (got ${JSON.stringify(given)})`;
    return `${name}: ${issue.message}${shown}`;
  });
  throw new EnvError(problems);
}

let cachedEnv: Env | undefined;

/** The process's environment, validated on first use. */
export function getEnv(): Env {
  cachedEnv ??= parseEnv(process.env);
  return cachedEnv;
}

/**
 * What the `scout` terminal client reads from its environment: its personal API token, which it checks itself
 * (src/cli/cli-env.ts). The server's settings above are not loaded for it.
 */
export function getCliEnvironment(): { SCOUT_API_TOKEN: string | undefined } {
  return { SCOUT_API_TOKEN: process.env.SCOUT_API_TOKEN };
}
