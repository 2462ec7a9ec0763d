/**
 * Measures the non-project filter on the labelled sets and prints precision and recall (positive class:
 * non-project, i.e. dropped), the counts, and every misclassified entry with the detector's reason. Not a
 * test: it prints. Run with `npm run eval:filter`.
 *
 * The files: tests/fixtures/non-projects.json (splits tune, holdout, holdout-2),
 * tests/fixtures/non-projects-blind.json (splits blind-3, blind-4) and every numbered blind set
 * (non-projects-blind-<n>.json), real repositories written blind. Each is measured four ways: both stages
 * as the pipeline runs them, the same without the tree, the metadata stage alone, and the metadata stage
 * without language sizes (name, description, topics and primary language only).
 *
 * Options: `--split <name>` limits the listing of misclassified entries to one split (the figures are
 * always printed for every split); `--all` prints every verdict.
 */
import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import {
  assessLikePipeline,
  labelledSetSchema,
  measureNonProjectFilter,
  withoutLanguageSizes,
  type LabelledRepo,
  type Metrics,
} from "@/server/filtering/measure-non-project-filter";

const fixtureDir = path.resolve(import.meta.dirname, "../tests/fixtures");
/** The numbered blind sets, in the order they were written: non-projects-blind-5.json, -6, … */
const numberedBlindSets = readdirSync(fixtureDir)
  .map((file) => /^non-projects-blind-(\d+)\.json$/.exec(file)?.[1])
  .filter((number): number is string => number !== undefined)
  .map(Number)
  .sort((a, b) => a - b);

const fixtures = [
  { label: "labelled set", file: "non-projects.json" },
  { label: "blind set", file: "non-projects-blind.json" },
  ...numberedBlindSets.map((number) => ({
    label: `blind set ${number}`,
    file: `non-projects-blind-${number}.json`,
  })),
];

/** The splits whose label says more than "seen once"; every other blind set is labelled by its size. */
const splitLabels: Partial<Record<LabelledRepo["split"], string>> = {
  tune: "tuning entries",
  holdout: "held-out 1 (seen once)",
  "holdout-2": "held-out 2 (seen once)",
  "blind-3": "blind 3 (120 real repos)",
  "blind-4": "blind 4 (after tuning)",
  "blind-5": "blind 5 (trees, tuned on)",
};

function splitLabel(split: LabelledRepo["split"], size: number): string {
  return splitLabels[split] ?? `${split.replace("-", " ")} (${size}, seen once)`;
}

type Mode = { label: string; stages: "both" | "metadata"; bare: boolean; treeless?: boolean };
const modes: Mode[] = [
  { label: "Metadata + README stage (as the pipeline runs)", stages: "both", bare: false },
  // A server that answers the details query without the tree (an older GitHub Enterprise, a stand-in).
  {
    label: "Metadata + README stage without the tree (figures only)",
    stages: "both",
    bare: false,
    treeless: true,
  },
  { label: "Metadata stage only", stages: "metadata", bare: false },
  {
    label: "Metadata stage only, without language sizes (name, description, topics, primary language)",
    stages: "metadata",
    bare: true,
  },
];

function readArgument(name: string): string | null {
  const index = process.argv.indexOf(name);
  return index === -1 ? null : (process.argv[index + 1] ?? null);
}

function formatMetrics(label: string, metrics: Metrics): string {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = metrics;
  return `${label.padEnd(28)} precision ${metrics.precision.toFixed(3)}  recall ${metrics.recall.toFixed(3)}  (n=${metrics.total}; dropped ${tp + fp}: ${tp} right, ${fp} wrong; kept ${tn + fn}: ${tn} right, ${fn} wrong)`;
}

function readFixture(file: string): LabelledRepo[] {
  return labelledSetSchema.parse(JSON.parse(readFileSync(path.join(fixtureDir, file), "utf8")));
}

function main(): void {
  const sets = fixtures.map(({ label, file }) => ({ label, entries: readFixture(file) }));
  const listSplit = readArgument("--split");
  const printAll = process.argv.includes("--all");
  for (const { label, entries } of sets) {
    const nonProjects = entries.filter((entry) => entry.label === "non-project").length;
    const withReadme = entries.filter((entry) => entry.readme !== undefined).length;
    console.log(
      `${label[0]?.toUpperCase()}${label.slice(1)}: ${entries.length} repositories, ${nonProjects} non-projects, ${entries.length - nonProjects} software; ${withReadme} with a README excerpt.`,
    );
  }
  console.log("");

  const subsets = (entries: LabelledRepo[], label: string): Array<[string, LabelledRepo[]]> => {
    const splits = [...new Set(entries.map((entry) => entry.split))];
    return [
      [`whole ${label}`, entries],
      ...splits.map((split): [string, LabelledRepo[]] => {
        const members = entries.filter((entry) => entry.split === split);
        return [splitLabel(split, members.length), members];
      }),
    ];
  };
  const prepare = (entries: LabelledRepo[], mode: Mode) => {
    const sized = mode.bare ? entries.map(withoutLanguageSizes) : entries;
    return mode.treeless ? sized.map((entry) => ({ ...entry, contents: undefined })) : sized;
  };

  for (const mode of modes) {
    console.log(`${mode.label}:`);
    for (const { label, entries } of sets)
      for (const [subsetLabel, subset] of subsets(entries, label))
        console.log(
          `  ${formatMetrics(subsetLabel, measureNonProjectFilter(prepare(subset, mode), mode.stages).metrics)}`,
        );
    console.log("");
  }

  for (const mode of modes.filter((listed) => listed.treeless !== true)) {
    const misclassified = sets.flatMap(
      ({ entries }) => measureNonProjectFilter(prepare(entries, mode), mode.stages).misclassified,
    );
    const shown = misclassified.filter((item) => listSplit === null || item.entry.split === listSplit);
    console.log(`Misclassified, ${mode.label.toLowerCase()} (${shown.length}):`);
    for (const { entry, stage, assessment } of shown) {
      const wrong = entry.label === "non-project" ? "KEPT a non-project" : "DROPPED software";
      console.log(
        `  ${wrong}: ${entry.fullName} [${entry.group}, ${entry.split}] (${stage} stage, score ${assessment.score})`,
      );
      console.log(`    ${assessment.reason}`);
    }
    console.log("");
  }

  if (printAll) {
    for (const { entries } of sets)
      for (const entry of entries) {
        const { stage, assessment } = assessLikePipeline(entry, "both");
        console.log(
          `${assessment.verdict.padEnd(4)} ${String(assessment.score).padStart(6)} ${entry.label.padEnd(11)} ${entry.fullName} (${stage}): ${assessment.reason}`,
        );
      }
  }
}

main();
