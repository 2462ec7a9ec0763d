import { DEMO_URL_HOST } from "@/lib/github-links";
import type { RepoMetadata } from "@/shared/repos";
import type { Responsiveness } from "./catalog-activity";
import type { DomainProfile } from "./catalog-vocabulary";
import { syllables } from "./catalog-vocabulary";
import type { Random } from "./seeded-random";

export const HOUR_MS = 3_600_000;

/** What the writers of one repository's issues, comments and pull requests share while it is written. */
export type ActivityContext = {
  random: Random;
  repo: RepoMetadata;
  domain: DomainProfile;
  anchorMs: number;
  createdMs: number;
  /** When the repository was last active; issue activity clusters before it. */
  activeMs: number;
  responsiveness: Responsiveness;
  maintainers: string[];
  contributors: string[];
};

export function coinLogin(random: Random): string {
  const word = Array.from({ length: random.int(2, 3) }, () => random.pick(syllables)).join("");
  return random.pickWeighted([
    [word, 4],
    [`${word}${random.int(1, 99)}`, 2],
    [`${word}-${random.pick(["dev", "codes", "io", "hq"])}`, 1],
  ] as const);
}

export function toIso(ms: number): string {
  return new Date(ms).toISOString();
}

/** Demo issues and pull requests do not exist on GitHub, so their links go to a host that never resolves. */
export function toDemoUrl(repo: RepoMetadata, kind: "issues" | "pull", number: number): string {
  return `https://${DEMO_URL_HOST}/${repo.owner}/${repo.name}/${kind}/${number}`;
}
