import {
  notebookLanguages,
  pageLanguages,
  proseLanguages,
  type LearningFlavour,
} from "@/server/filtering/non-project-cues";
import type { Evidence, LanguageSize, NonProjectInput } from "@/server/filtering/non-project-evidence";

/**
 * GitHub reports no language for a repository of prose alone. Software nearly always has code, so this
 * weighs as much as a name can, but still needs one more sign of learning material or a list.
 */
const NO_CODE_WEIGHT = 2;

function formatShare(share: number): string {
  return `${Math.round(share * 100)}%`;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** Clamped at zero, so that a malformed size cannot cancel out real code. */
function sumSizes(languages: readonly LanguageSize[]): number {
  return languages.reduce((sum, language) => sum + Math.max(0, language.size), 0);
}

function buildLearningEvidence(weight: number, text: string, flavour: LearningFlavour): Evidence {
  return { kind: "learning", source: "languages", weight, text, flavour };
}

function buildNoCodeEvidence(): Evidence {
  return { kind: "no-code", source: "languages", weight: NO_CODE_WEIGHT, text: "no code in any language" };
}

function isCode(language: LanguageSize): boolean {
  const name = language.name.toLowerCase();
  return !proseLanguages.has(name) && !notebookLanguages.has(name) && !pageLanguages.has(name);
}

/** The share of the bytes that are prose, notebooks or pages rather than code; 0 when there are none. */
export function shareOfNonCode(sizes: readonly LanguageSize[]): number {
  const total = sumSizes(sizes);
  return total === 0 ? 0 : 1 - sumSizes(sizes.filter(isCode)) / total;
}

/** Byte counts per language say how much of the repository is prose, notebooks, pages or code. */
function readLanguageSizeEvidence(sizes: readonly LanguageSize[]): Evidence[] {
  const total = sumSizes(sizes);
  if (total === 0) return [buildNoCodeEvidence()];
  const shareOf = (set: ReadonlySet<string>) => {
    const matching = sizes.filter((language) => set.has(language.name.toLowerCase()));
    const largest = [...matching].sort((left, right) => right.size - left.size)[0]?.name ?? "";
    return { share: sumSizes(matching) / total, largest };
  };
  const evidence: Evidence[] = [];
  const prose = shareOf(proseLanguages);
  const notebooks = shareOf(notebookLanguages);
  const pages = shareOf(pageLanguages);
  if (prose.share >= 0.5)
    evidence.push(buildLearningEvidence(2, `${formatShare(prose.share)} ${prose.largest}`, "general"));
  if (notebooks.share >= 0.5)
    evidence.push(buildLearningEvidence(1.5, `${formatShare(notebooks.share)} Jupyter Notebook`, "examples"));
  if (pages.share >= 0.6)
    evidence.push(buildLearningEvidence(0.75, `${formatShare(pages.share)} HTML and CSS`, "general"));
  if (total < 10_000)
    evidence.push({
      kind: "no-code",
      source: "languages",
      weight: 1,
      text: `only ${formatSize(total)} of code`,
    });
  const code = sizes.filter(isCode).sort((left, right) => right.size - left.size);
  const codeSize = sumSizes(code);
  if (codeSize >= 200_000) {
    const names = code.slice(0, 3).map((language) => language.name);
    evidence.push({
      kind: "code",
      source: "languages",
      weight: 1.5,
      text: `${formatSize(codeSize)} of ${names.join(", ")} code`,
    });
  }
  return evidence;
}

/** Without sizes only the primary language is known, which says nothing of how much of the repository it is. */
function readPrimaryLanguageEvidence(repo: NonProjectInput): Evidence[] {
  if (repo.primaryLanguage === null && (repo.languages?.length ?? 0) === 0) return [buildNoCodeEvidence()];
  const primary = repo.primaryLanguage?.toLowerCase();
  if (primary && notebookLanguages.has(primary))
    return [buildLearningEvidence(1, "mostly Jupyter Notebook", "examples")];
  // HTML only: a repository that is mostly CSS is usually a stylesheet library.
  if (primary === "html")
    return [buildLearningEvidence(0.75, `mostly ${repo.primaryLanguage ?? ""}`, "general")];
  if (primary && proseLanguages.has(primary))
    return [buildLearningEvidence(1.5, `mostly ${repo.primaryLanguage ?? ""}`, "general")];
  return [];
}

export function readLanguageEvidence(repo: NonProjectInput): Evidence[] {
  return repo.languageSizes
    ? readLanguageSizeEvidence(repo.languageSizes)
    : readPrimaryLanguageEvidence(repo);
}
