import { capitalize } from "@/lib/words";
import { DAY_MS } from "@/lib/dates";
import type { RepoMetadata } from "@/shared/repos";
import { landmarkSpecs, type LandmarkSpec } from "./catalog-landmarks";
import {
  descriptionAdjectives,
  domainProfiles,
  languageProfiles,
  licenseMix,
  nameAdjectives,
  nameSuffixes,
  orgSuffixes,
  readmeFileNames,
  syllables,
  type DomainProfile,
  type LanguageProfile,
} from "./catalog-vocabulary";
import {
  assignLanguageSizes,
  learningCompanions,
  type LanguageMix,
  type LanguageSize,
} from "./language-sizes";
import { createRandom, hashSeed, type Random } from "./seeded-random";
import { writeActivity, type ActivityOverrides, type CatalogActivity } from "./write-activity";
import { writeReadme, type ReadmeSpec } from "./write-readme";

/**
 * The offline demo catalog: thousands of plausible repositories generated from a seed, with no network and
 * no third-party text. The same seed and anchor date always give the same catalog.
 */

export type CatalogRepo = {
  metadata: RepoMetadata;
  archived: boolean;
  fork: boolean;
  /** GitHub's license key ("mit", "apache-2.0", "other"), which the `license:` qualifier matches. */
  licenseKey: string | null;
  /** The GitHub `licenseInfo.spdxId` as GitHub reports it, "NOASSERTION" included. */
  licenseSpdxId: string | null;
  /** Subject area, which steers the README text. */
  domain: string;
  /** README file at the root of the default branch, or null when the repository has none. */
  readme: ReadmeSpec | null;
  /**
   * Bytes per language, largest (the primary) first, as GitHub's `languages` edges report them. Always set
   * in the generated catalog; optional so hand-made test repositories need not invent sizes.
   */
  languageSizes?: LanguageSize[];
  /** Hand-placed traits of its issues and maintainers (landmarks only). */
  activityOverrides?: ActivityOverrides;
};

export type DemoCatalog = {
  seed: number;
  /** The moment push and creation dates are counted back from (ISO-8601). */
  anchoredAt: string;
  repos: readonly CatalogRepo[];
  /** Case-insensitive, as GitHub resolves owner and name. */
  findRepo: (owner: string, name: string) => CatalogRepo | undefined;
  /** The README text, generated the same way on every call; null when the repository has none. */
  readReadme: (repo: CatalogRepo) => string | null;
  /** Issues, pull requests, commits and community files, generated on first use and then kept. */
  readActivity: (repo: CatalogRepo) => CatalogActivity;
};

export const DEMO_CATALOG_SEED = 20_240_917;
export const DEMO_CATALOG_SIZE = 3_200;

export type GenerateDemoCatalogOptions = {
  /** Push dates spread over the three years before this moment. */
  now: Date;
  seed?: number;
  /** Total repositories, landmarks included. */
  size?: number;
};

const HISTORY_DAYS = 3 * 365;
const EARLIEST_CREATED_MS = Date.UTC(2010, 0, 1);
const MAX_STARS = 250_000;
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
  return {
    seed,
    anchoredAt: now.toISOString(),
    repos,
    findRepo: (owner, name) => byFullName.get(`${owner}/${name}`.toLowerCase()),
    readReadme: (repo) =>
      repo.readme
        ? writeReadme({ catalogSeed: seed, repo: repo.metadata, domainKey: repo.domain, spec: repo.readme })
        : null,
    readActivity: (repo) => {
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
    },
  };
}

/** Learning material carries notebooks or HTML next to its code; a list of links carries almost nothing. */
function mixOf(readme: ReadmeSpec | null, learning: boolean, list: boolean): LanguageMix {
  if (list || readme?.style === "awesome-list") return "list";
  if (learning || readme?.style === "tutorial") return "learning";
  return "code";
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

function buildLandmark(options: {
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

type Claim = (owner: string, name: string) => boolean;

function buildOriginal(options: {
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
  };
}

function buildFork(options: {
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

function coinWord(random: Random, syllableCount: number): string {
  return Array.from({ length: syllableCount }, () => random.pick(syllables)).join("");
}

const ownerInitials = ["a", "b", "c", "d", "e", "j", "k", "m", "n", "r", "s", "t"] as const;
const ownerPatterns: readonly (readonly [(random: Random, word: string) => string, number])[] = [
  [(_random, word) => word, 4],
  [(random, word) => `${word}-${random.pick(orgSuffixes)}`, 3],
  [(random, word) => `${random.pick(ownerInitials)}${word}`, 2],
  [(random, word) => `${word}${random.int(1, 99)}`, 1],
  [(random, word) => `${word}-${coinWord(random, 2)}`, 1],
];

function createOwnerPool(random: Random, count: number): string[] {
  const owners = new Set<string>();
  while (owners.size < count) {
    const word = coinWord(random, random.int(2, 3));
    // GitHub logins are at most 39 characters.
    owners.add(random.pickWeighted(ownerPatterns)(random, word).slice(0, 39));
  }
  return [...owners];
}

/** A few prolific owners and a long tail, as on GitHub. */
function pickOwner(random: Random, owners: readonly string[]): string {
  const owner = owners[Math.floor(owners.length * random.next() ** 1.6)];
  return owner ?? random.pick(owners);
}

type NamePattern = (parts: { random: Random; stem: string; tag: string }) => string;

// Weighted patterns are built lazily so only the chosen one spends random numbers and string work.
const namePatterns: readonly (readonly [NamePattern, number])[] = [
  [({ random, stem }) => `${random.pick(nameAdjectives)}-${stem}`, 5],
  [({ random, stem }) => `${stem}${random.pick(nameSuffixes)}`, 3],
  [({ random, stem }) => `${stem}-${random.pick(nameSuffixes)}`, 2],
  [({ stem, tag }) => `${tag}-${stem}`, 3],
  [({ stem, tag }) => `${stem}-${tag}`, 2],
  [({ random }) => coinWord(random, random.int(2, 3)), 3],
  [({ random, stem }) => `${coinWord(random, 2)}-${stem}`, 2],
  [({ random, stem }) => `${stem}-${random.pick(random.pick(domainProfiles).stems)}`, 2],
];
const camelCasePattern: NamePattern = ({ random, stem }) =>
  `${random.pick(nameAdjectives)}${stem.charAt(0).toUpperCase()}${stem.slice(1)}`;
const camelCaseLanguages = new Set(["TypeScript", "JavaScript", "Java", "Kotlin", "Swift", "C#"]);
const namePatternsWithCamelCase = [...namePatterns, [camelCasePattern, 1.5] as const];

function nameRepo(random: Random, language: LanguageProfile, domain: DomainProfile): string {
  const pattern = random.pickWeighted(
    camelCaseLanguages.has(language.name) ? namePatternsWithCamelCase : namePatterns,
  );
  return pattern({ random, stem: random.pick(domain.stems), tag: random.pick(language.nameTags) });
}

const learningKinds = ["awesome", "tutorial", "course", "cheatsheet", "interview", "examples"] as const;
type LearningKind = (typeof learningKinds)[number];

function nameLearningRepo(random: Random, language: LanguageProfile, kind: LearningKind): string {
  const topic = language.topic;
  switch (kind) {
    case "awesome":
      return `awesome-${random.pick([topic, `${topic}-${random.pick(random.pick(domainProfiles).stems)}`])}`;
    case "tutorial":
      return random.pick([`${topic}-tutorial`, `learn-${topic}`, `${topic}-tutorials`]);
    case "course":
      return random.pick([`${topic}-course`, `${topic}-bootcamp-course`]);
    case "cheatsheet":
      return random.pick([`${topic}-cheatsheet`, `${topic}-cheat-sheet`]);
    case "interview":
      return random.pick([`${topic}-interview-questions`, `${topic}-interview-prep`]);
    case "examples":
      return `${topic}-examples`;
  }
}

function describeLearningRepo(random: Random, language: LanguageProfile, kind: LearningKind): string {
  switch (kind) {
    case "awesome":
      return `A curated list of awesome ${language.name} libraries, tools and resources.`;
    case "tutorial":
      return `A hands-on ${language.name} tutorial with exercises for beginners.`;
    case "course":
      return `Course material for learning ${language.name}: lectures, labs and quizzes.`;
    case "cheatsheet":
      return `A one-page ${language.name} cheatsheet for everyday use.`;
    case "interview":
      return `${language.name} interview questions and answers for job seekers.`;
    case "examples":
      return `Small, runnable ${language.name} examples for ${random.pick(["common tasks", "the standard library", "popular libraries"])}.`;
  }
}

function withArticle(phrase: string): string {
  return /^[aeiou]/i.test(phrase) ? `An ${phrase}` : `A ${phrase}`;
}

function describeRepo(random: Random, language: LanguageProfile, domain: DomainProfile): string | null {
  if (random.chance(0.05)) return null;
  const subject = random.pick(domain.subjects);
  const [first, second] = random.sample(domain.features, 2);
  const adjective = random.pick(descriptionAdjectives);
  return random.pickWeighted([
    [`${withArticle(`${adjective} ${subject}`)} for ${language.name}.`, 4],
    [`${withArticle(`${adjective} ${subject}`)} for ${language.name} with ${first} and ${second}.`, 3],
    [`${capitalize(subject)} written in ${language.name}, focused on ${first}.`, 2],
    [`Yet another ${subject}, but ${adjective}.`, 1],
    [`${withArticle(subject)} for ${language.name} — ${first}, ${second}.`, 2],
  ] as const);
}

function pickTopics(
  random: Random,
  language: LanguageProfile,
  domain: DomainProfile,
  learningKind: LearningKind | null,
): string[] {
  if (random.chance(0.12)) return [];
  const topics = new Set<string>();
  if (random.chance(0.8)) topics.add(language.topic);
  if (learningKind === "awesome") ["awesome", "awesome-list"].forEach((topic) => topics.add(topic));
  else if (learningKind) topics.add(learningKind === "interview" ? "interview-prep" : learningKind);
  for (const topic of random.sample(domain.topics, random.int(1, 4))) topics.add(topic);
  if (random.chance(0.06)) topics.add("hacktoberfest");
  if (random.chance(0.04)) topics.add("good-first-issue");
  return [...topics].slice(0, 20);
}

function pickReadme(
  random: Random,
  language: LanguageProfile,
  learningKind: LearningKind | null,
): ReadmeSpec | null {
  if (random.chance(0.03)) return null;
  const path =
    language.name === "Python" && random.chance(0.12) ? "README.rst" : random.pickWeighted(readmeFileNames);
  if (learningKind === "awesome") return { path, style: "awesome-list" };
  if (learningKind) return { path, style: "tutorial" };
  return { path, style: random.chance(0.15) ? "brief" : "standard" };
}
