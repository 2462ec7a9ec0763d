import { DAY_MS } from "@/lib/dates";
import { HOUR_MS, toIso, type ActivityContext } from "./activity-context";
import type { CatalogActor, CatalogComment } from "./catalog-activity";

const botAccounts: readonly CatalogActor[] = [
  { login: "github-actions", bot: true },
  { login: "welcome", bot: true },
  { login: "stale", bot: true },
  { login: "codecov", bot: true },
  // Some bots are plain user accounts; only their name gives them away.
  { login: "ci-helper-bot", bot: false },
  { login: "triage-robot", bot: false },
];

/** Hours until the first human reply, or null when nobody outside the author has replied. */
function drawResponseDelayHours(context: ActivityContext): number | null {
  const { random, responsiveness } = context;
  const lognormal = (medianHours: number, spread: number) =>
    Math.max(0.05, Math.exp(Math.log(medianHours) + spread * random.normal()));
  switch (responsiveness) {
    case "responsive":
      return random.chance(0.92) ? lognormal(5, 1) : null;
    case "steady":
      return random.chance(0.82) ? lognormal(40, 0.9) : null;
    case "slow":
      return random.chance(0.55) ? lognormal(24 * 18, 0.8) : null;
    case "bots-and-author":
    case "silent":
      return null;
  }
}

/** The comment thread of an issue opened at createdMs by author; never later than the anchor. */
export function writeComments(
  context: ActivityContext,
  createdMs: number,
  author: CatalogActor,
): CatalogComment[] {
  const { random, anchorMs } = context;
  const comments: CatalogComment[] = [];
  const add = (commenter: CatalogActor, atMs: number) => {
    if (atMs <= anchorMs) comments.push({ author: commenter, createdAt: toIso(atMs) });
  };
  const botChance = context.responsiveness === "bots-and-author" ? 0.85 : 0.3;
  if (context.responsiveness !== "silent" && random.chance(botChance))
    add(random.pick(botAccounts), createdMs + random.int(1, 30) * 60_000);
  const delayHours = drawResponseDelayHours(context);
  // The author often adds detail (or bumps the issue) before anyone answers: that is no response.
  const bumpChance = context.responsiveness === "bots-and-author" ? 0.7 : 0.25;
  if (random.chance(bumpChance)) {
    const beforeReply = delayHours === null ? random.int(2, 400) : delayHours * (0.2 + 0.6 * random.next());
    add(author, createdMs + beforeReply * HOUR_MS);
  }
  if (delayHours !== null) {
    const repliedMs = createdMs + delayHours * HOUR_MS;
    add({ login: random.pick(context.maintainers), bot: false }, repliedMs);
    let atMs = repliedMs;
    for (let index = random.int(0, 4); index > 0; index -= 1) {
      atMs += random.int(1, 96) * HOUR_MS;
      const commenter = random.pickWeighted<CatalogActor>([
        [author, 3],
        [{ login: random.pick(context.maintainers), bot: false }, 2],
        [{ login: random.pick(context.contributors), bot: false }, 1],
      ]);
      add(commenter, atMs);
    }
  }
  if (context.responsiveness === "bots-and-author" && random.chance(0.3))
    add({ login: "stale", bot: true }, createdMs + random.int(60, 90) * DAY_MS);
  return comments.sort((left, right) => left.createdAt.localeCompare(right.createdAt));
}
