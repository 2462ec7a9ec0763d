import { landmarkSpecs, type LandmarkSpec } from "./catalog-landmarks";
import type { CatalogActivity } from "./catalog-activity";
import type { CatalogRepo, DemoCatalog } from "./demo-catalog";
import { buildFork, buildLandmark, buildOriginal } from "./build-catalog-repos";
import { createOwnerPool } from "./name-catalog-repos";
import { createRandom, hashSeed } from "./seeded-random";
import { writeActivity } from "./write-activity";
import { writeReadme } from "./write-readme";
import { writeTopLevelTree } from "./write-top-level-tree";

/**
 * Generates the offline demo catalog (demo-catalog.ts) from a seed; the same seed and anchor date always
 * give the same catalog.
 */

export const DEMO_CATALOG_SEED = 20_240_917;
export const DEMO_CATALOG_SIZE = 3_200;

export type GenerateDemoCatalogOptions = {
  /** Push dates spread over the three years before this moment. */
  now: Date;
  seed?: number;
  /** Total repositories, landmarks included. */
  size?: number;
};

const FIRST_GENERATED_ID = 10_000_000;
const ID_STRIDE = 7_919;

export function generateDemoCatalog({
  now,
  seed = DEMO_CATALOG_SEED,
  size = DEMO_CATALOG_SIZE,
}: GenerateDemoCatalogOptions): DemoCatalog {
  if (!Number.isInteger(size) || size < 0)
    throw new RangeError(`Catalog size must be a whole number >= 0 (got ${size})`);
  const nowMs = now.getTime();
  if (Number.isNaN(nowMs)) throw new RangeError("Catalog anchor date is not a valid date");

  const random = createRandom(hashSeed(seed, "catalog"));
  const repos: CatalogRepo[] = [];
  const takenNames = new Set<string>();
  const claim = (owner: string, name: string) => {
    const key = `${owner}/${name}`.toLowerCase();
    if (takenNames.has(key)) return false;
    takenNames.add(key);
    return true;
  };

  Object.values(landmarkSpecs).forEach((spec: LandmarkSpec, index) => {
    if (repos.length >= size) return;
    claim(spec.owner, spec.name);
    repos.push(buildLandmark({ spec, githubId: 9_000_000 + index * 13, nowMs, random, seed }));
  });

  const owners = createOwnerPool(random, Math.max(50, Math.round(size * 0.45)));
  const originals: CatalogRepo[] = [];
  for (let index = 0; repos.length < size; index += 1) {
    const githubId = FIRST_GENERATED_ID + index * ID_STRIDE + random.int(0, ID_STRIDE - 1);
    const source = originals.length > 20 && random.chance(0.035) ? random.pick(originals) : null;
    const repo = source
      ? buildFork({ source, githubId, owners, random, nowMs, claim })
      : buildOriginal({ githubId, owners, random, nowMs, claim, seed });
    if (!repo) continue;
    if (!repo.fork) originals.push(repo);
    repos.push(repo);
  }

  const byFullName = new Map(repos.map((repo) => [repo.metadata.fullName.toLowerCase(), repo]));
  const activities = new WeakMap<CatalogRepo, CatalogActivity>();
  const readActivity = (repo: CatalogRepo): CatalogActivity => {
    let activity = activities.get(repo);
    if (!activity) {
      activity = writeActivity({
        catalogSeed: seed,
        anchoredAtMs: nowMs,
        repo: repo.metadata,
        archived: repo.archived,
        fork: repo.fork,
        domainKey: repo.domain,
        ...(repo.activityOverrides ? { overrides: repo.activityOverrides } : {}),
      });
      activities.set(repo, activity);
    }
    return activity;
  };
  return {
    seed,
    anchoredAt: now.toISOString(),
    repos,
    findRepo: (owner, name) => byFullName.get(`${owner}/${name}`.toLowerCase()),
    readReadme: (repo) =>
      repo.readme
        ? writeReadme({ catalogSeed: seed, repo: repo.metadata, domainKey: repo.domain, spec: repo.readme })
        : null,
    readActivity,
    readTree: (repo) => {
      if (!repo.tree) return null;
      // The community files the health signals report are the ones in the tree.
      const activity = readActivity(repo);
      return writeTopLevelTree({
        catalogSeed: seed,
        repo: repo.metadata,
        spec: repo.tree,
        readmePath: repo.readme?.path ?? null,
        licenseKey: repo.licenseKey,
        community: {
          contributingGuide: activity.contributingGuide !== null,
          codeOfConduct: activity.codeOfConduct !== null,
        },
      });
    },
  };
}
