import { z } from "zod";
import {
  assessMetadata,
  assessReadme,
  isFinalWithoutDetails,
  type NonProjectAssessment,
} from "@/server/filtering/assess-non-project";
import type { NonProjectInput } from "@/server/filtering/non-project-evidence";
import { repoContentsSchema } from "@/shared/repo-contents";

/**
 * Measures the non-project detector on a labelled set (tests/fixtures/non-projects.json): precision and
 * recall with "non-project" (dropped) as the positive class, for the metadata stage alone and for both
 * stages as the pipeline runs them (a README-stage verdict only for what the metadata stage kept).
 */

export const labelledRepoSchema = z.object({
  fullName: z.string().regex(/^[^/\s]+\/[^/\s]+$/, "fullName must be owner/name"),
  description: z.string().nullable(),
  topics: z.array(z.string()),
  primaryLanguage: z.string().nullable(),
  languageSizes: z.array(z.object({ name: z.string(), size: z.number().int().nonnegative() })).optional(),
  readme: z.string().optional(),
  /** The top-level entries of the default branch, as the details query reads them. */
  contents: repoContentsSchema.optional(),
  label: z.enum(["non-project", "software"]),
  group: z.string().min(1),
  /**
   * Where the entry comes from and how often the detector's author saw it before measuring it: "tune",
   * "holdout", "holdout-2", then the blind sets in the order they were written ("blind-3", …). Each
   * split's history and first-look figures are in tests/fixtures/non-projects.md.
   */
  split: z.union([
    z.enum(["tune", "holdout", "holdout-2"]),
    z.templateLiteral(["blind-", z.number().int().min(3)]),
  ]),
});
export type LabelledRepo = z.infer<typeof labelledRepoSchema>;
export const labelledSetSchema = z.array(labelledRepoSchema).min(1);

export type Metrics = {
  total: number;
  truePositives: number;
  falsePositives: number;
  falseNegatives: number;
  trueNegatives: number;
  precision: number;
  recall: number;
};

export type Misclassified = {
  entry: LabelledRepo;
  /** The stage whose verdict was wrong. */
  stage: "metadata" | "readme";
  assessment: NonProjectAssessment;
};

export type Measurement = { metrics: Metrics; misclassified: Misclassified[] };

export function toDetectorInput(entry: LabelledRepo): NonProjectInput {
  const [owner, name = entry.fullName] = entry.fullName.split("/");
  return {
    owner,
    name,
    description: entry.description,
    topics: entry.topics,
    primaryLanguage: entry.primaryLanguage,
    languages:
      entry.languageSizes?.map((language) => language.name) ??
      (entry.primaryLanguage ? [entry.primaryLanguage] : []),
    languageSizes: entry.languageSizes,
    contents: entry.contents,
  };
}

/**
 * The entry as a caller with metadata alone sees it: name, description, topics and primary language,
 * without language sizes or README.
 */
export function withoutLanguageSizes(entry: LabelledRepo): LabelledRepo {
  return { ...entry, languageSizes: undefined, readme: undefined, contents: undefined };
}

/** Both stages in pipeline order: the README stage only sees what the metadata stage kept. */
export function assessLikePipeline(
  entry: LabelledRepo,
  stages: "metadata" | "both",
): { stage: "metadata" | "readme"; assessment: NonProjectAssessment } {
  const input = toDetectorInput(entry);
  // Discovery knows no tree: the pipeline's details query brings it, with the README.
  const metadata = assessMetadata({ ...input, contents: undefined });
  const detailsKnown = entry.readme !== undefined || entry.contents !== undefined;
  if (isFinalWithoutDetails(metadata) || stages === "metadata" || !detailsKnown)
    return { stage: "metadata", assessment: metadata };
  return { stage: "readme", assessment: assessReadme(input, entry.readme ?? null) };
}

function ratio(part: number, whole: number): number {
  return whole === 0 ? 1 : part / whole;
}

export function measureNonProjectFilter(
  entries: readonly LabelledRepo[],
  stages: "metadata" | "both",
): Measurement {
  let truePositives = 0;
  let falsePositives = 0;
  let falseNegatives = 0;
  let trueNegatives = 0;
  const misclassified: Misclassified[] = [];
  for (const entry of entries) {
    const { stage, assessment } = assessLikePipeline(entry, stages);
    const dropped = assessment.verdict === "drop";
    const positive = entry.label === "non-project";
    if (dropped && positive) truePositives += 1;
    else if (dropped) falsePositives += 1;
    else if (positive) falseNegatives += 1;
    else trueNegatives += 1;
    if (dropped !== positive) misclassified.push({ entry, stage, assessment });
  }
  return {
    metrics: {
      total: entries.length,
      truePositives,
      falsePositives,
      falseNegatives,
      trueNegatives,
      precision: ratio(truePositives, truePositives + falsePositives),
      recall: ratio(truePositives, truePositives + falseNegatives),
    },
    misclassified,
  };
}
