import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createHeuristicAnalyzer } from "@/server/analysis/heuristic/heuristic-analyzer";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { createCatalogSource } from "@/server/sources/catalog/catalog-source";
import type { AppDependencies } from "@/server/app-dependencies";
import { type ScoutEvent } from "@/shared/events";
import { type SearchFiltersInput } from "@/shared/filters";
import { FILTERED_OUT_MAX } from "@/shared/runs";
import { extendCatalog, type ExtraRepo } from "../support/extended-catalog";
import { stringContaining, stringMatching } from "../support/matchers";
import {
  HARNESS_NOW,
  callerFor,
  collectRunEvents,
  startHarness,
  typicalProfile,
  type Harness,
} from "../support/scout-harness";
import { seedRun } from "../support/seed-runs";

/**
 * The filter's two stages in a whole run, on the offline defaults (catalog source and built-in analyzer)
 * and against the live stand-ins (the test GitHub and LLM servers over HTTP): the metadata stage at
 * filtering, the README stage after the READMEs arrive and before analysis, and what each dropped.
 */

const rustCode = [
  { name: "Rust", size: 480_000 },
  { name: "Shell", size: 4_000 },
];
const installReadme = (name: string) =>
  `# ${name}\n\n## Installation\n\n\`\`\`\ncargo add ${name}\n\`\`\`\n\n## Usage\n\nCall \`${name}::run()\`.\n`;

/** Nothing in its metadata says "course"; its README is a day-by-day diary of learning the language. */
const diary: ExtraRepo = {
  metadata: {
    owner: "zorb-lab",
    name: "ferrous-path",
    description: "My way through the language.",
    topics: ["zorbly", "zorbly-diary"],
    // The best contribution signals of the lot, so it ranks first and is among the capped candidates.
    openIssues: 50,
    goodFirstIssues: 10,
    helpWantedIssues: 10,
  },
  languageSizes: rustCode,
  readme:
    "# ferrous-path\n\nMy way through the language.\n\n## Day 1 - ownership\n## Day 2 - borrowing\n## Day 3 - lifetimes\n## Day 4 - traits\n## Day 5 - iterators\n",
};
const linkList: ExtraRepo = {
  metadata: {
    owner: "zorb-lab",
    name: "awesome-zorbly",
    description: "A curated list of zorbly crates, articles and talks",
    topics: ["zorbly", "awesome-list"],
  },
  languageSizes: [{ name: "Rust", size: 900 }],
  readme:
    "# awesome-zorbly\n\n- [zorbly-cli](https://example.com/a)\n- [zorbly-core](https://example.com/b)\n",
};
const quiet: ExtraRepo = {
  metadata: {
    owner: "zorb-lab",
    name: "zorbly-fmt",
    description: "A formatter for zorbly files",
    topics: ["zorbly"],
    openIssues: 0,
    goodFirstIssues: 0,
    helpWantedIssues: 0,
  },
  languageSizes: rustCode,
  readme: installReadme("zorbly-fmt"),
};
const cli: ExtraRepo = {
  metadata: {
    owner: "zorb-lab",
    name: "zorbly-cli",
    description: "A command-line tool for converting zorbly files",
    topics: ["zorbly", "cli"],
    openIssues: 30,
    goodFirstIssues: 5,
  },
  languageSizes: rustCode,
  readme: installReadme("zorbly-cli"),
};
const core: ExtraRepo = {
  metadata: {
    owner: "zorb-lab",
    name: "zorbly-core",
    description: "A fast zorbly parsing library",
    topics: ["zorbly"],
    openIssues: 8,
    goodFirstIssues: 1,
  },
  languageSizes: rustCode,
  readme: installReadme("zorbly-core"),
};
/** More link lists than filteredOut may hold, to prove the cap. */
const manyLists: ExtraRepo[] = Array.from({ length: 230 }, (_, index) => ({
  metadata: {
    owner: "zorb-lists",
    name: `awesome-zorbly-${index}`,
    description: "A curated list of zorbly resources",
    topics: ["zorbly-lists", "awesome-list"],
  },
  languageSizes: [{ name: "Rust", size: 500 }],
  readme: null,
}));
const diaryInLists: ExtraRepo = {
  ...diary,
  metadata: { ...diary.metadata, owner: "zorb-lists", topics: ["zorbly-lists"] },
};
const toolInLists: ExtraRepo = {
  ...cli,
  metadata: { ...cli.metadata, owner: "zorb-lists", topics: ["zorbly-lists"] },
};

/** A book in German: nothing in its metadata says so, its chapter folders do. */
const book: ExtraRepo = {
  metadata: {
    owner: "zorb-books",
    name: "zorbly-buch",
    description: "Zorbly von Anfang an",
    topics: ["zorbly-books"],
    goodFirstIssues: 5,
  },
  languageSizes: [{ name: "Rust", size: 30_000 }],
  readme: "# Zorbly von Anfang an\n\nDieses Buch erklärt Zorbly Schritt für Schritt.\n",
  tree: [
    ...Array.from({ length: 14 }, (_, index) => ({
      name: `kapitel-${String(index + 1).padStart(2, "0")}`,
      type: "tree" as const,
    })),
    { name: "bilder", type: "tree" },
    { name: "README.md", type: "blob" },
    { name: "LICENSE", type: "blob" },
  ],
};
/** Software about learning: its description reads like a tutorial, its tree like a crate. */
const tutor: ExtraRepo = {
  metadata: {
    owner: "zorb-books",
    name: "zorbly-tutor",
    description: "Interactive zorbly tutorials in your documentation",
    topics: ["zorbly-books", "tutorial"],
  },
  languageSizes: rustCode,
  readme: null,
  tree: [
    { name: ".github", type: "tree" },
    { name: "src", type: "tree" },
    { name: "tests", type: "tree" },
    { name: "Cargo.toml", type: "blob" },
    { name: "CHANGELOG.md", type: "blob" },
    { name: "README.md", type: "blob" },
  ],
};

const catalog = extendCatalog(generateDemoCatalog({ now: HARNESS_NOW }), [
  book,
  tutor,
  diary,
  linkList,
  quiet,
  cli,
  core,
  ...manyLists,
  diaryInLists,
  toolInLists,
]);
const fullName = (repo: ExtraRepo) => `${repo.metadata.owner}/${repo.metadata.name}`;
const zorbly: SearchFiltersInput = { languages: ["Rust"], minStars: 0, topics: ["zorbly"] };

let harness: Harness;
beforeAll(async () => {
  harness = await startHarness({ catalog });
});
afterAll(() => harness.close());
beforeEach(() => harness.reset());

type Setup = {
  name: string;
  live: boolean;
  deps: (env?: Record<string, string>) => AppDependencies;
};
const setups: Setup[] = [
  {
    name: "on the offline defaults (catalog source, built-in analyzer)",
    live: false,
    deps: (env) =>
      harness.deps({
        ...(env ? { env } : {}),
        source: createCatalogSource({ catalog, readmeMaxChars: 16_000, now: () => HARNESS_NOW }),
        analyzer: createHeuristicAnalyzer({ now: () => HARNESS_NOW }),
      }),
  },
  {
    name: "against the live stand-ins (test GitHub and LLM servers)",
    live: true,
    deps: (env) => harness.deps(env ? { env } : {}),
  },
];

async function runSearch(deps: AppDependencies, filters: SearchFiltersInput) {
  const caller = callerFor(deps);
  await caller.profile.save(typicalProfile);
  const { runId } = await caller.scout.search(filters);
  const events = await collectRunEvents(deps, runId);
  return { events, result: await caller.scout.results({ runId }) };
}

const statusMessages = (events: ScoutEvent[]) =>
  events.flatMap((event) => (event.type === "status" ? [event.message] : []));
const progressTotals = (events: ScoutEvent[]) =>
  events.flatMap((event) => (event.type === "progress" ? [event.total] : []));

/** Every repository name the LLM server was shown, in any request. */
function namesSentToLlm(): string {
  return harness.openai.requests.map((request) => `${request.repoIds.join(" ")} ${request.user}`).join("\n");
}

describe.each(setups)("the filter's two stages $name", ({ live, deps: makeDeps }) => {
  it("drops a non-project at each stage, says why, and sends only the rest to analysis", async () => {
    const { events, result } = await runSearch(makeDeps(), zorbly);

    expect(statusMessages(events)).toEqual([
      "Searching GitHub...",
      "Discovered 5 repositories",
      "Filtering candidates...",
      "3 repos passed filters",
      "Fetching READMEs and starter issues for 3 repos...",
      "1 repo filtered out by its README and contents; 2 repos passed filters",
      "Analyzing 2 repos...",
      "Saving results...",
    ]);
    // The "Analyzed x/y" total is what was actually sent to analysis.
    expect(progressTotals(events).every((total) => total === 2)).toBe(true);
    const complete = events.at(-1);
    if (complete?.type !== "complete") throw new Error(`the run ended with ${complete?.type ?? "nothing"}`);

    expect(result).toMatchObject({
      status: "completed",
      totalDiscovered: 5,
      totalFiltered: 2,
      totalAnalyzed: 2,
      skipped: [],
    });
    expect(result.repos.map((repo) => repo.fullName)).toEqual([fullName(cli), fullName(core)]);
    const analyzed = [...result.results, ...(result.rejected ?? [])].map((entry) => entry.repo);
    expect(analyzed.sort()).toEqual([fullName(cli), fullName(core)]);
    expect(result.filteredOut).toEqual([
      {
        repo: fullName(linkList),
        reason: stringMatching(/^Looks like an awesome-list of links: .*'curated list of'.*/),
      },
      { repo: fullName(quiet), reason: "Has no open issues to work on." },
      {
        repo: fullName(diary),
        reason: "Looks like a day-by-day challenge: 5 numbered day units in the README.",
      },
    ]);
    // The `complete` event carries the same list as scout.results.
    expect(complete.data.filteredOut).toEqual(result.filteredOut);

    if (live) {
      // The README stage's drop cost one README fetch and not a single LLM token.
      const readmeQueries = harness.github
        .graphqlRequests()
        .filter((request) => request.graphql?.query.includes("HEAD:README.md"));
      expect(readmeQueries).toHaveLength(1);
      expect(Object.values(readmeQueries[0]?.graphql?.variables ?? {})).toContain("ferrous-path");
      expect(harness.openai.requests.length).toBeGreaterThan(0);
      expect(harness.openai.requests.flatMap((request) => request.repoIds).sort()).toEqual(
        [fullName(cli), fullName(core)].sort(),
      );
      expect(namesSentToLlm()).not.toContain("ferrous-path");
      expect(namesSentToLlm()).not.toContain("awesome-zorbly");
    }
  });

  it("gives a README-stage drop's place to the next candidate in the ranking", async () => {
    const { events, result } = await runSearch(makeDeps({ SCOUT_MAX_REPOS: "2" }), zorbly);

    // The diary ranks first, so it is among the two capped candidates; once its README drops it, the third
    // candidate's README is fetched and it goes to analysis in its place.
    expect(statusMessages(events)).toContain("Fetching READMEs and starter issues for 2 repos...");
    expect(result.repos.map((repo) => repo.fullName)).toEqual([fullName(cli), fullName(core)]);
    expect(result).toMatchObject({ totalFiltered: 2, totalAnalyzed: 2 });
    expect(result.warnings).toEqual([]);
    expect(progressTotals(events).at(-1)).toBe(2);
    if (live) {
      const readmeQueries = harness.github
        .graphqlRequests()
        .filter((request) => request.graphql?.query.includes("HEAD:README.md"));
      // Owners and names only ($oN, $nN): the details part of the query has variables of its own.
      const repositoriesAskedFor = (variables: Record<string, unknown>) =>
        Object.entries(variables)
          .filter(([name]) => /^[on]\d+$/.test(name))
          .map(([, value]) => value)
          .sort();
      expect(readmeQueries.map((request) => repositoriesAskedFor(request.graphql?.variables ?? {}))).toEqual([
        ["ferrous-path", "zorb-lab", "zorb-lab", "zorbly-cli"],
        ["zorb-lab", "zorbly-core"],
      ]);
      expect(namesSentToLlm()).not.toContain("ferrous-path");
    }
  });

  it("weighs what each candidate contains: a book's chapter folders drop it, a crate's layout keeps a tutorial tool", async () => {
    const { result } = await runSearch(makeDeps(), { ...zorbly, topics: ["zorbly-books"] });

    expect(result).toMatchObject({ totalDiscovered: 2, totalFiltered: 1, totalAnalyzed: 1 });
    expect(result.repos.map((repo) => repo.fullName)).toEqual([fullName(tutor)]);
    expect(result.filteredOut).toEqual([
      {
        repo: fullName(book),
        reason: "Looks like a book or its companion code: no package manifest, 14 chapter folders.",
      },
    ]);
    if (live) {
      expect(namesSentToLlm()).not.toContain("zorbly-buch");
      expect(namesSentToLlm()).toContain("zorbly-tutor");
    }
  });

  it("ends as all-filtered when the README stage drops every candidate, and still lists why", async () => {
    const { events, result } = await runSearch(makeDeps(), { ...zorbly, topics: ["zorbly-diary"] });

    expect(events.at(-1)).toMatchObject({ type: "error", reason: "all-filtered" });
    expect(result).toMatchObject({
      status: "completed",
      totalDiscovered: 1,
      totalFiltered: 0,
      totalAnalyzed: 0,
      repos: [],
    });
    expect(result.filteredOut).toEqual([{ repo: fullName(diary), reason: stringMatching(/day units/) }]);
    expect(harness.openai.requests).toHaveLength(0);
  });

  it(`keeps at most ${FILTERED_OUT_MAX} filtered-out repositories, the README stage's always among them`, async () => {
    const { result } = await runSearch(makeDeps({ SCOUT_MAX_REPOS: "50" }), {
      ...zorbly,
      topics: ["zorbly-lists"],
    });

    expect(result).toMatchObject({ totalDiscovered: 232, totalFiltered: 1, totalAnalyzed: 1 });
    expect(result.repos.map((repo) => repo.fullName)).toEqual([fullName(toolInLists)]);
    const filteredOut = result.filteredOut ?? [];
    expect(filteredOut).toHaveLength(FILTERED_OUT_MAX);
    expect(new Set(filteredOut.map((entry) => entry.repo)).size).toBe(FILTERED_OUT_MAX);
    expect(filteredOut.at(-1)).toEqual({
      repo: fullName(diaryInLists),
      reason: stringMatching(/day units in the README/),
    });
    expect(
      filteredOut.slice(0, -1).every((entry) => entry.repo.startsWith("zorb-lists/awesome-zorbly-")),
    ).toBe(true);
    if (live) expect(namesSentToLlm()).not.toContain("awesome-zorbly");
  });
});

describe("filteredOut as stored with the run", () => {
  it("is absent for a run stored before it existed, and for one whose stored list no longer validates", async () => {
    const deps = harness.deps();
    await seedRun({ db: deps.db, runId: "before-filtered-out", startedAt: HARNESS_NOW });
    await seedRun({ db: deps.db, runId: "damaged-filtered-out", startedAt: HARNESS_NOW });
    await deps.db.searchRun.update({
      where: { id: "damaged-filtered-out" },
      data: { filteredOut: [{ repo: "a/b" }] },
    });
    const caller = callerFor(deps);

    const before = await caller.scout.results({ runId: "before-filtered-out" });
    const damaged = await caller.scout.results({ runId: "damaged-filtered-out" });

    expect(before).not.toHaveProperty("filteredOut");
    expect(damaged).not.toHaveProperty("filteredOut");
    expect(damaged.status).toBe("completed");
    expect(harness.logs).toContainEqual(stringContaining("Run damaged-filtered-out: stored filteredOut"));
  });
});
