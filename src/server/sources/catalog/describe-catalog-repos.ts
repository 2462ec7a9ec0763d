import { capitalize } from "@/lib/words";
import {
  descriptionAdjectives,
  readmeFileNames,
  type DomainProfile,
  type LanguageProfile,
} from "./catalog-vocabulary";
import type { LearningKind } from "./name-catalog-repos";
import type { Random } from "./seeded-random";
import type { ReadmeSpec } from "./write-readme";

/** Descriptions, topics and README kinds of generated repositories, worded for their language and domain. */

export function describeLearningRepo(random: Random, language: LanguageProfile, kind: LearningKind): string {
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

export function describeRepo(
  random: Random,
  language: LanguageProfile,
  domain: DomainProfile,
): string | null {
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

export function pickTopics(
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

export function pickReadme(
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
