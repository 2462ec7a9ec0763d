import { DAY_MS } from "@/lib/dates";
import type { LandmarkSpec } from "./catalog-landmarks";
import { domainProfiles, languageProfiles, licenseMix, type LanguageProfile } from "./catalog-vocabulary";
import type { CatalogRepo } from "./demo-catalog";
import { describeLearningRepo, describeRepo, pickReadme, pickTopics } from "./describe-catalog-repos";
import { assignLanguageSizes, learningCompanions, type LanguageMix } from "./language-sizes";
import {
  learningKinds,
  nameLearningRepo,
  nameRepo,
  pickOwner,
  type LearningKind,
} from "./name-catalog-repos";
import type { Random } from "./seeded-random";
import type { ReadmeSpec } from "./write-readme";
import type { CatalogTreeKind } from "./write-top-level-tree";

/**
 * One catalog repository at a time: a hand-placed landmark, a generated original, or a fork of one. Each
 * draws from the shared random stream in a fixed order, so the catalog stays the same for the same seed.
 */

const HISTORY_DAYS = 3 * 365;
const EARLIEST_CREATED_MS = Date.UTC(2010, 0, 1);
const MAX_STARS = 250_000;

/** Learning material carries notebooks or HTML next to its code; a list of links carries almost nothing. */
function mixOf(readme: ReadmeSpec | null, learning: boolean, list: boolean): LanguageMix {
  if (list || readme?.style === "awesome-list") return "list";
  if (learning || readme?.style === "tutorial") return "learning";
  return "code";
}

/** The tree that fits a repository: learning material by its kind, lists and tutorials by their README. */
function treeKindOf(readme: ReadmeSpec | null, learningKind: LearningKind | null): CatalogTreeKind {
  if (learningKind !== null) return learningKind;
  if (readme?.style === "awesome-list") return "awesome";
  return readme?.style === "tutorial" ? "tutorial" : "software";
}

function withLearningCompanions(languages: string[], mix: LanguageMix): string[] {
  if (mix !== "learning") return languages;
  const [primary, ...rest] = languages;
  if (primary === undefined) return languages;
  const added = learningCompanions(primary).filter((name) => !languages.includes(name));
  return [primary, ...added, ...rest];
}

function toLicense(spdxId: string | null): {
  license: string | null;
  licenseKey: string | null;
  licenseSpdxId: string | null;
} {
  if (spdxId === null) return { license: null, licenseKey: null, licenseSpdxId: null };
  if (spdxId === "NOASSERTION") return { license: null, licenseKey: "other", licenseSpdxId: "NOASSERTION" };
  return { license: spdxId, licenseKey: spdxId.toLowerCase(), licenseSpdxId: spdxId };
}

function pickCompanions(random: Random, language: LanguageProfile): string[] {
  return [
    language.name,
    ...random.sample(language.companions, random.int(0, Math.min(3, language.companions.length))),
  ];
}

export function buildLandmark(options: {
  spec: LandmarkSpec;
  githubId: number;
  nowMs: number;
  random: Random;
  seed: number;
}): CatalogRepo {
  const { spec, githubId, nowMs, random, seed } = options;
  const language = languageProfiles.find((profile) => profile.name === spec.language);
  const pushedMs = nowMs - spec.pushedDaysAgo * DAY_MS - random.int(0, 6 * 3_600) * 1000;
  const createdMs = Math.max(EARLIEST_CREATED_MS, pushedMs - random.int(200, 2_500) * DAY_MS);
  const { license, licenseKey, licenseSpdxId } = toLicense(spec.license);
  const mix = mixOf(spec.readme, false, false);
  const languages = withLearningCompanions(
    language ? pickCompanions(random, language) : [spec.language],
    mix,
  );
  return {
    metadata: {
      githubId,
      owner: spec.owner,
      name: spec.name,
      fullName: `${spec.owner}/${spec.name}`,
      url: `https://github.com/${spec.owner}/${spec.name}`,
      description: spec.description,
      primaryLanguage: spec.language,
      languages,
      stars: spec.stars,
      forks: Math.round(spec.stars * 0.12),
      openIssues: spec.openIssues,
      topics: [...spec.topics],
      license,
      pushedAt: new Date(pushedMs).toISOString(),
      createdAt: new Date(createdMs).toISOString(),
      goodFirstIssues: spec.goodFirstIssues,
      helpWantedIssues: spec.helpWantedIssues,
    },
    archived: spec.archived ?? false,
    fork: spec.fork ?? false,
    licenseKey,
    licenseSpdxId,
    domain: spec.domain,
    readme: spec.readme,
    languageSizes: assignLanguageSizes({ seed, githubId, languages, stars: spec.stars, mix }),
    tree: { kind: spec.tree ?? treeKindOf(spec.readme, null), seedId: githubId, stars: spec.stars },
    ...("activity" in spec ? { activityOverrides: spec.activity } : {}),
  };
}

const weightedLanguages = languageProfiles.map((profile) => [profile, profile.weight] as const);
const favouredDomainsByLanguage = new Map(
  languageProfiles.map((language) => [
    language.name,
    domainProfiles.filter((domain) => language.favouredDomains.includes(domain.key)),
  ]),
);

export type Claim = (owner: string, name: string) => boolean;

export function buildOriginal(options: {
  githubId: number;
  owners: readonly string[];
  random: Random;
  nowMs: number;
  claim: Claim;
  seed: number;
}): CatalogRepo | null {
  const { githubId, owners, random, nowMs, claim, seed } = options;
  const language = random.pickWeighted(weightedLanguages);
  const favoured = favouredDomainsByLanguage.get(language.name) ?? [];
  const domain =
    favoured.length > 0 && random.chance(0.75) ? random.pick(favoured) : random.pick(domainProfiles);
  const learningKind = random.chance(0.035) ? random.pick(learningKinds) : null;

  const owner = pickOwner(random, owners);
  let name = learningKind
    ? nameLearningRepo(random, language, learningKind)
    : nameRepo(random, language, domain);
  if (!claim(owner, name)) {
    name = `${name}-${random.int(2, 99)}`;
    if (!claim(owner, name)) return null;
  }

  const archived = random.chance(0.04);
  // Squaring skews activity towards the recent past, as on GitHub; archived projects went quiet long ago.
  const daysAgo = archived ? 180 + random.next() * (HISTORY_DAYS - 180) : HISTORY_DAYS * random.next() ** 1.8;
  const pushedMs = nowMs - Math.floor(daysAgo * DAY_MS) - random.int(0, 86_399) * 1000;
  const createdMs = Math.max(EARLIEST_CREATED_MS, pushedMs - random.int(15, 3_600) * DAY_MS);

  const stars = Math.min(MAX_STARS, Math.round(Math.exp(Math.log(40) + 2.1 * random.normal())));
  const openIssues = random.chance(0.09)
    ? 0
    : Math.max(1, Math.round(Math.exp(Math.log(2 + Math.sqrt(stars) * 0.6) + 0.7 * random.normal())));
  const labelled = (probability: number) =>
    openIssues > 0 && random.chance(probability)
      ? random.int(1, Math.max(1, Math.min(openIssues, 3 + Math.floor(openIssues * 0.2))))
      : 0;
  const { license, licenseKey, licenseSpdxId } = toLicense(random.pickWeighted(licenseMix));
  const description = learningKind
    ? describeLearningRepo(random, language, learningKind)
    : describeRepo(random, language, domain);
  // Drawn in the order they always were, so the catalog stays the same for the same seed.
  const companions = pickCompanions(random, language);
  const forks = Math.round(stars * (0.03 + 0.25 * random.next()));
  const topics = pickTopics(random, language, domain, learningKind);
  const goodFirstIssues = labelled(0.45);
  const helpWantedIssues = labelled(0.35);
  const readme = pickReadme(random, language, learningKind);
  const mix = mixOf(readme, learningKind !== null && learningKind !== "awesome", learningKind === "awesome");
  const languages = withLearningCompanions(companions, mix);

  return {
    metadata: {
      githubId,
      owner,
      name,
      fullName: `${owner}/${name}`,
      url: `https://github.com/${owner}/${name}`,
      description,
      primaryLanguage: language.name,
      languages,
      stars,
      forks,
      openIssues,
      topics,
      license,
      pushedAt: new Date(pushedMs).toISOString(),
      createdAt: new Date(createdMs).toISOString(),
      goodFirstIssues,
      helpWantedIssues,
    },
    archived,
    fork: false,
    licenseKey,
    licenseSpdxId,
    domain: domain.key,
    readme,
    languageSizes: assignLanguageSizes({ seed, githubId, languages, stars, mix }),
    tree: { kind: treeKindOf(readme, learningKind), seedId: githubId, stars },
  };
}

export function buildFork(options: {
  source: CatalogRepo;
  githubId: number;
  owners: readonly string[];
  random: Random;
  nowMs: number;
  claim: Claim;
}): CatalogRepo | null {
  const { source, githubId, owners, random, nowMs, claim } = options;
  const owner = pickOwner(random, owners);
  if (owner === source.metadata.owner || !claim(owner, source.metadata.name)) return null;
  const sourcePushedMs = Date.parse(source.metadata.pushedAt ?? new Date(nowMs).toISOString());
  const pushedMs = Math.min(nowMs, sourcePushedMs + random.int(0, 90) * DAY_MS);
  // The spread keeps the source's tree spec, seed included: a fork starts with its source's files.
  return {
    ...source,
    metadata: {
      ...source.metadata,
      githubId,
      owner,
      fullName: `${owner}/${source.metadata.name}`,
      url: `https://github.com/${owner}/${source.metadata.name}`,
      stars: random.int(0, 6),
      forks: 0,
      // Forks have issues switched off by default.
      openIssues: 0,
      goodFirstIssues: 0,
      helpWantedIssues: 0,
      topics: [],
      pushedAt: new Date(pushedMs).toISOString(),
      createdAt: new Date(Math.min(pushedMs, sourcePushedMs)).toISOString(),
    },
    archived: false,
    fork: true,
  };
}
