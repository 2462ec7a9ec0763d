import { DAY_MS } from "@/lib/dates";
import type { RepoMetadata } from "@/shared/repos";
import { coinLogin, toDemoUrl, toIso, type ActivityContext } from "./activity-context";
import type { ActivityOverrides, CatalogActivity, CatalogIssue, Responsiveness } from "./catalog-activity";
import { domainProfiles } from "./catalog-vocabulary";
import { createRandom, hashSeed, type Random } from "./seeded-random";
import {
  injectionTitles,
  pickStarterLabels,
  planStarterIssues,
  writeOtherIssue,
  writeStarterIssue,
} from "./write-issues";
import { writePullRequests } from "./write-pull-requests";

/**
 * Issues, pull requests, commits and community files of demo-catalog repositories, written on demand from a
 * per-repository seed (like READMEs), so generating the catalog stays fast (catalog-activity.ts has the
 * shapes).
 *
 * Traps, on purpose: claimed issues (assigned, or with an open pull request that will close them), issues
 * whose only linked pull request was closed or merged (not claimed), stale issues, issue titles that try
 * prompt injection, repositories where only bots and the issue's author ever comment, repositories where
 * nobody comments, "outside" pull requests that all come from bots, and repositories with no starter
 * issues at all.
 */

export type WriteActivityOptions = {
  catalogSeed: number;
  /** The catalog's anchor: nothing happens after it. */
  anchoredAtMs: number;
  repo: RepoMetadata;
  archived: boolean;
  fork: boolean;
  domainKey: string;
  overrides?: ActivityOverrides;
};

function pickResponsiveness(random: Random, repo: RepoMetadata, archived: boolean, anchorMs: number) {
  const idleDays = (anchorMs - Date.parse(repo.pushedAt ?? repo.createdAt ?? toIso(anchorMs))) / DAY_MS;
  if (archived || idleDays > 365)
    return random.pickWeighted<Responsiveness>([
      ["slow", 3],
      ["silent", 3],
      ["bots-and-author", 2],
    ]);
  return random.pickWeighted<Responsiveness>([
    ["responsive", 4 + Math.min(4, repo.stars / 2000)],
    ["steady", 4],
    ["slow", 2],
    ["bots-and-author", 1],
    ["silent", 0.8],
  ]);
}

export function writeActivity(options: WriteActivityOptions): CatalogActivity {
  const { repo, archived, fork, anchoredAtMs: anchorMs } = options;
  const random = createRandom(hashSeed(options.catalogSeed, "activity", repo.githubId));
  const domain = domainProfiles.find((profile) => profile.key === options.domainKey) ?? domainProfiles[0];
  if (!domain) throw new Error("The catalog vocabulary has no domains");
  const createdMs = Date.parse(repo.createdAt ?? toIso(anchorMs));
  const pushedMs = Date.parse(repo.pushedAt ?? toIso(anchorMs));
  const responsiveness =
    options.overrides?.responsiveness ?? pickResponsiveness(random, repo, archived, anchorMs);
  const ownerIsPerson = !/-(labs|dev|io|hq|tech|org|oss|works|team|project)$/.test(repo.owner);
  const maintainers = [
    ...(ownerIsPerson ? [repo.owner] : []),
    ...Array.from({ length: random.int(ownerIsPerson ? 0 : 1, 3) }, () => coinLogin(random)),
  ];
  const contributors = Array.from({ length: random.int(2, 8) }, () => coinLogin(random));
  const context: ActivityContext = {
    random,
    repo,
    domain,
    anchorMs,
    createdMs,
    activeMs: Math.min(anchorMs, pushedMs + random.int(0, 10) * DAY_MS),
    responsiveness,
    maintainers,
    contributors,
  };

  // Forks have issues switched off and no pull requests of their own.
  const plans = fork ? [] : planStarterIssues(random, repo);
  const labels = pickStarterLabels(random);
  const drafts = plans.map((plan) => writeStarterIssue(context, plan, labels));
  // Open issues beyond the repository's open count would contradict its metadata.
  let openSlots = Math.max(0, repo.openIssues - drafts.length);
  const others = fork
    ? 0
    : Math.min(20, repo.openIssues === 0 ? random.int(0, 3) : openSlots + random.int(0, 6));
  for (let index = 0; index < others; index += 1) {
    const draft = writeOtherIssue(context, index);
    if (draft.state === "OPEN" && openSlots === 0) draft.state = "CLOSED";
    if (draft.state === "OPEN") openSlots -= 1;
    drafts.push(draft);
  }

  const injection = options.overrides?.injectionIssues ?? (plans.length > 0 && random.chance(0.02));
  if (injection) {
    // Fresh, unclaimed starter issues: exactly the ones an analyzer could be tempted to pick.
    const targets = drafts.filter(
      (draft) => draft.starter && !draft.stale && draft.assignees.length === 0 && draft.link !== "OPEN",
    );
    targets.slice(0, 2).forEach((draft, index) => {
      draft.title = injectionTitles[index] ?? draft.title;
    });
  }

  drafts.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
  const firstNumber = random.int(1, 40) + Math.round(repo.openIssues * (1.5 + random.next()));
  const issues: CatalogIssue[] = drafts.map(({ link, starter: _starter, stale: _stale, ...draft }, index) => {
    const number = firstNumber + index * 3;
    return {
      ...draft,
      number,
      url: toDemoUrl(repo, "issues", number),
      closingPullRequests: link === null ? [] : [{ number: number + 1 + random.int(0, 40) * 3, state: link }],
    };
  });
  const pullRequests = fork ? [] : writePullRequests(context, firstNumber + issues.length * 3 + 1);

  const idle = archived || anchorMs - pushedMs > 365 * DAY_MS;
  const popularity = Math.min(1, Math.log10(Math.max(1, repo.stars)) / 4.5);
  const perWeek = idle ? 0.3 : Math.max(0.2, Math.exp(Math.log(1 + popularity * 25) + 0.6 * random.normal()));
  const commits =
    fork && random.chance(0.5)
      ? null
      : { perWeek: Math.round(perWeek * 10) / 10, firstAt: toIso(createdMs), lastAt: toIso(pushedMs) };
  const hasRelease = random.chance(0.35 + 0.55 * popularity);
  const releasedMs = createdMs + random.next() * Math.max(0, pushedMs - createdMs);

  return {
    responsiveness,
    issues,
    pullRequests,
    commits,
    contributingGuide:
      !fork && random.chance(0.25 + 0.65 * popularity)
        ? `# Contributing to ${repo.name}\n\nThank you for your interest! Open an issue before large changes, run the tests, and keep pull requests focused.\n`
        : null,
    codeOfConduct:
      !fork && random.chance(0.15 + 0.6 * popularity)
        ? { key: "contributor_covenant", name: "Contributor Covenant" }
        : null,
    latestRelease: hasRelease
      ? {
          tagName: `v${random.int(0, 4)}.${random.int(0, 20)}.${random.int(0, 9)}`,
          publishedAt: toIso(releasedMs),
        }
      : null,
  };
}
