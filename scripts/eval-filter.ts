/**
 * Measures the non-project filter on the labelled set in tests/fixtures/non-projects.json and prints
 * precision and recall (positive class: non-project, i.e. dropped), the counts, and every misclassified
 * entry with the detector's reason. Not a test: it prints. Run with `npm run eval:filter`.
 *
 * Options: `--split tune|holdout|holdout-2` limits the listing of misclassified entries to one half of the set
 * (the figures are always printed for the whole set and for each split); `--all` prints every verdict.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import {
  assessLikePipeline,
  labelledSetSchema,
  measureNonProjectFilter,
  type LabelledRepo,
  type Metrics,
} from "@/server/filtering/measure-non-project-filter";

const fixturePath = path.resolve(import.meta.dirname, "../tests/fixtures/non-projects.json");

function readArgument(name: string): string | null {
  const index = process.argv.indexOf(name);
  return index === -1 ? null : (process.argv[index + 1] ?? null);
}

function formatMetrics(label: string, metrics: Metrics): string {
  const { truePositives: tp, falsePositives: fp, falseNegatives: fn, trueNegatives: tn } = metrics;
  return `${label.padEnd(26)} precision ${metrics.precision.toFixed(3)}  recall ${metrics.recall.toFixed(3)}  (n=${metrics.total}; dropped ${tp + fp}: ${tp} right, ${fp} wrong; kept ${tn + fn}: ${tn} right, ${fn} wrong)`;
}

function main(): void {
  const entries = labelledSetSchema.parse(JSON.parse(readFileSync(fixturePath, "utf8")));
  const listSplit = readArgument("--split");
  const printAll = process.argv.includes("--all");
  const nonProjects = entries.filter((entry) => entry.label === "non-project").length;
  const withReadme = entries.filter((entry) => entry.readme !== undefined).length;
  console.log(
    `Labelled set: ${entries.length} repositories, ${nonProjects} non-projects, ${entries.length - nonProjects} software; ${withReadme} with a README excerpt.\n`,
  );

  const splitLabels: Record<LabelledRepo["split"], string> = {
    tune: "tuning entries",
    holdout: "held-out 1 (seen once)",
    "holdout-2": "held-out 2 (seen once)",
  };
  const halves: Array<[string, LabelledRepo[]]> = [
    ["whole set", entries],
    ...Object.entries(splitLabels).map(([split, label]): [string, LabelledRepo[]] => [
      label,
      entries.filter((entry) => entry.split === split),
    ]),
  ];
  for (const stages of ["both", "metadata"] as const) {
    console.log(
      stages === "both" ? "Metadata + README stage (as the pipeline runs):" : "Metadata stage only:",
    );
    for (const [label, subset] of halves)
      console.log(`  ${formatMetrics(label, measureNonProjectFilter(subset, stages).metrics)}`);
    console.log("");
  }

  for (const stages of ["both", "metadata"] as const) {
    const { misclassified } = measureNonProjectFilter(entries, stages);
    const shown = misclassified.filter((item) => listSplit === null || item.entry.split === listSplit);
    console.log(
      `Misclassified, ${stages === "both" ? "metadata + README" : "metadata only"} (${shown.length}):`,
    );
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
    for (const entry of entries) {
      const { stage, assessment } = assessLikePipeline(entry, "both");
      console.log(
        `${assessment.verdict.padEnd(4)} ${String(assessment.score).padStart(6)} ${entry.label.padEnd(11)} ${entry.fullName} (${stage}): ${assessment.reason}`,
      );
    }
  }
}

main();
