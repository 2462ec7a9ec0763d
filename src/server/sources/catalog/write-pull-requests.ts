import { DAY_MS } from "@/lib/dates";
import { HOUR_MS, toDemoUrl, toIso, type ActivityContext } from "./activity-context";
import type { CatalogActor, CatalogPullRequest } from "./catalog-activity";

const dependencyBots: readonly CatalogActor[] = [
  { login: "dependabot", bot: true },
  { login: "renovate", bot: true },
];
const OUTSIDE_ASSOCIATIONS = ["CONTRIBUTOR", "FIRST_TIME_CONTRIBUTOR", "FIRST_TIMER", "NONE"] as const;

export function writePullRequests(context: ActivityContext, firstNumber: number): CatalogPullRequest[] {
  const { random, repo, anchorMs, activeMs } = context;
  const idleDays = (anchorMs - activeMs) / DAY_MS;
  if (idleDays > 150 || repo.openIssues === 0) return [];
  const count = Math.min(
    80,
    Math.round(Math.exp(Math.log(1.5 + Math.sqrt(repo.stars) / 5) + 0.7 * random.normal())),
  );
  // How much of the merged work comes from outside; some projects only ever merge their bots' updates.
  const outsideShare = random.chance(0.12) ? 0 : 0.1 + 0.6 * random.next();
  const botShare = random.chance(0.5) ? 0.1 + 0.4 * random.next() : 0;
  const pullRequests: CatalogPullRequest[] = [];
  for (let index = 0; index < count; index += 1) {
    const mergedMs = activeMs - random.next() * 180 * DAY_MS;
    if (mergedMs < context.createdMs) continue;
    const kind = random.next();
    const [author, association]: [CatalogActor, string] =
      kind < botShare
        ? [random.pick(dependencyBots), "NONE"]
        : kind < botShare + outsideShare * (1 - botShare)
          ? [{ login: random.pick(context.contributors), bot: false }, random.pick(OUTSIDE_ASSOCIATIONS)]
          : [
              { login: random.pick(context.maintainers), bot: false },
              random.pick(["OWNER", "MEMBER", "COLLABORATOR"] as const),
            ];
    const createdMs = mergedMs - random.int(1, 240) * HOUR_MS;
    const title = author.bot
      ? `Bump ${random.pick(context.domain.stems)}-deps from 1.${random.int(0, 9)} to 1.${random.int(10, 19)}`
      : `Improve ${random.pick(context.domain.features)}`;
    pullRequests.push({
      number: 0,
      title,
      url: "",
      state: "MERGED",
      createdAt: toIso(createdMs),
      mergedAt: toIso(mergedMs),
      updatedAt: toIso(Math.min(anchorMs, mergedMs + random.int(0, 72) * HOUR_MS)),
      author,
      authorAssociation: association,
    });
  }
  pullRequests.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
  return pullRequests.map((pullRequest, index) => ({
    ...pullRequest,
    number: firstNumber + index * 2,
    url: toDemoUrl(repo, "pull", firstNumber + index * 2),
  }));
}
