import { courseProviders, siteToolWords, type LearningFlavour } from "@/server/filtering/non-project-cues";
import type { Evidence } from "@/server/filtering/non-project-evidence";
import {
  ambiguousLocaleSegment,
  localeSegment,
  splitCamelCaseWords,
  splitNameSegments,
} from "@/server/filtering/read-name-evidence";

// What a repository's owner says of it: an organisation of examples, a course, a publisher, translators.

/**
 * An owner that names what it publishes: "Azure-Samples", "aws-samples", "dockersamples", "spring-guides",
 * "TheAlgorithms".
 * Only nouns of an artefact count; a school or an academy also publishes software.
 */
const ownerOfExamples = /(?:samples|examples|demos|tutorials|workshops|exercises|katas|guides|algorithms)$/;

/** "Azure-Samples" → "azuresamples", "docker_samples" → "dockersamples": owners write the noun either way. */
function ownerWords(owner: string): string {
  return owner.toLowerCase().replace(/[-_.]/g, "");
}

export function isOwnerOfExamples(owner: string | undefined): boolean {
  return owner !== undefined && ownerOfExamples.test(ownerWords(owner));
}

/**
 * "woowacourse", "dabeaz-course", "rocketseat-education", "hexlet-basics": an organisation named for what
 * it teaches keeps its course's projects and its students' missions. It also keeps the platform that
 * serves them, so this is a hint. So is a course provider's own organisation ("digitalinnovationone",
 * "netology-code"), less one named for a tool for its site ("coursera-dl"). GitHub's own "education"
 * organisation publishes tools, and "discourse" and "recourse" are words of their own ("precourse" is a course).
 */
const ownerOfCourse =
  /.(?:(?<!dis|con|inter|^re|[^p]re)courses?|education|basics|bootcamp|lessons|training|cursos|aulas)$/;
const courseProviderOwner = new RegExp(
  String.raw`^(?:${courseProviders}|digitalinnovationone)(?!(?:${siteToolWords}|sync)$)`,
);

function isOwnerOfCourse(owner: string | undefined): boolean {
  if (owner === undefined) return false;
  const words = ownerWords(owner);
  return ownerOfCourse.test(words) || courseProviderOwner.test(words);
}

/** "vuejs-kr", "rust-lang-ja", "LearnOpenGL-CN": a community that keeps a project in its language. */
export function isLocaleOwner(owner: string | undefined): boolean {
  if (owner === undefined) return false;
  const segments = splitNameSegments(owner);
  if (segments.length < 2) return false;
  const [first, last] = [segments[0] ?? "", segments.at(-1) ?? ""];
  return [first, last].some((segment) => localeSegment.test(segment) || ambiguousLocaleSegment.test(segment));
}

/**
 * "azure-docs", "dotnet/docs", "AspNetCore.Docs": a documentation repository, whose build serves the text.
 * Or kept by a documentation organisation ("MicrosoftDocs").
 */
export function isDocumentationRepository(name: string, owner: string | undefined): boolean {
  return /^(?:docs|documentation)$/.test(splitNameSegments(name).at(-1) ?? "") || isOwnerOfDocs(owner);
}

/** "MicrosoftDocs", "azure-docs": an organisation of documentation; "mkdocs" and "readthedocs" are tools. */
function isOwnerOfDocs(owner: string | undefined): boolean {
  return owner !== undefined && splitCamelCaseWords(owner).split("-").at(-1) === "docs";
}

/**
 * Technical publishers keep one repository per book, of its listings: PacktPublishing and Apress alone
 * hold thousands, and every one is a book's companion code whatever it is named.
 */
const bookPublishers = new Set([
  "packtpublishing",
  "apress",
  "oreillymedia",
  "oreillyjapan",
  "nostarch",
  "nostarchpress",
  "pragprog",
  "manningpublications",
  "bpbpublications",
  "wroxpress",
  "wikibook",
  "gilbutitbook",
  "hanbitmedia",
  "jpub",
  "ohmsha",
  "anayamultimedia",
]);

export function isBookPublisher(owner: string | undefined): boolean {
  return owner !== undefined && bookPublishers.has(ownerWords(owner));
}

export function readOwnerEvidence(owner: string | undefined): Evidence[] {
  if (owner === undefined) return [];
  const ownedBy = (weight: number, flavour: LearningFlavour, text = `owned by '${owner}'`): Evidence[] => [
    { kind: "learning", source: "name", weight, text, flavour },
  ];
  if (isBookPublisher(owner)) return ownedBy(2, "book", `owned by '${owner}', a publisher`);
  // A study group keeps its members' notes and exercises: "devSquad-study", "Devpeople-study".
  if (/(?:study|studies|studygroup)$/.test(ownerWords(owner))) return ownedBy(1.5, "notes");
  if (isOwnerOfDocs(owner)) return ownedBy(1.5, "guide");
  if (isOwnerOfCourse(owner)) return ownedBy(1, "course");
  // "vuejs-translations": an organisation of translators keeps translated texts.
  if (/(?:translations?|translators?|l10n|locali[sz]ation)$/.test(ownerWords(owner)))
    return ownedBy(1.5, "translation");
  if (!isOwnerOfExamples(owner)) return [];
  return ownedBy(1.5, /(?:tutorials|workshops|guides)$/.test(ownerWords(owner)) ? "tutorial" : "examples");
}
