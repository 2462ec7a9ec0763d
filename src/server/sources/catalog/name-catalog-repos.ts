import {
  domainProfiles,
  nameAdjectives,
  nameSuffixes,
  orgSuffixes,
  syllables,
  type DomainProfile,
  type LanguageProfile,
} from "./catalog-vocabulary";
import type { Random } from "./seeded-random";

/** Owner and repository names for the generated catalog, coined from the vocabulary's syllables and stems. */

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

export function createOwnerPool(random: Random, count: number): string[] {
  const owners = new Set<string>();
  while (owners.size < count) {
    const word = coinWord(random, random.int(2, 3));
    // GitHub logins are at most 39 characters.
    owners.add(random.pickWeighted(ownerPatterns)(random, word).slice(0, 39));
  }
  return [...owners];
}

/** A few prolific owners and a long tail, as on GitHub. */
export function pickOwner(random: Random, owners: readonly string[]): string {
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

export function nameRepo(random: Random, language: LanguageProfile, domain: DomainProfile): string {
  const pattern = random.pickWeighted(
    camelCaseLanguages.has(language.name) ? namePatternsWithCamelCase : namePatterns,
  );
  return pattern({ random, stem: random.pick(domain.stems), tag: random.pick(language.nameTags) });
}

export const learningKinds = [
  "awesome",
  "tutorial",
  "course",
  "cheatsheet",
  "interview",
  "examples",
] as const;
export type LearningKind = (typeof learningKinds)[number];

export function nameLearningRepo(random: Random, language: LanguageProfile, kind: LearningKind): string {
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
