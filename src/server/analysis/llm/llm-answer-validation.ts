import { jsonSchema, Output, type JSONSchema7 } from "ai";
import { z } from "zod";

import { unclaimedStarterIssues } from "@/server/filtering/starter-issue-requirement";
import {
  MAX_PICKED_ISSUES,
  analysisResultSchema,
  type AnalysisResult,
  type PickedIssue,
} from "@/shared/analysis";
import { type RepoMetadata } from "@/shared/repos";

/**
 * The LLM's answer for one analysis batch: the schema the model is asked to follow, and the checks each
 * element of the answer passes before it counts. Elements are judged one at a time, as they stream in, so
 * one bad item costs one repo, never the analysis batch.
 */

// The schema the model sees. Ranges live in descriptions rather than as minimum/maxItems keywords, because
// many OpenAI-compatible servers reject or ignore those in strict mode; the real bounds are checked per item
// with analysisResultSchema afterwards.
const modelResultSchema = analysisResultSchema.extend({
  repo: z.string().describe('The repository id exactly as in its repo_data id attribute ("owner/name").'),
  fitScore: z.number().describe("0 to 10, following the rubric; 0 when rejected."),
  reason: z.string().describe("One or two sentences naming the strongest signals."),
  contributions: z.array(z.string()).describe("1 to 3 concrete contributions; empty only when rejected."),
  reject: z.boolean(),
  rejectReason: z.string().nullable().describe("Why it is rejected, or null when it is not."),
  // Required here (strict mode refuses optional keys), optional in the stored result.
  pickedIssues: z
    .array(
      z.object({
        number: z.number().describe("An issue number listed in this repository's starter_issues."),
        why: z.string().describe("One line on why it fits this developer."),
      }),
    )
    .describe("0 to 3 of this repository's listed starter issues, best fit first; empty when rejected."),
});

// The model sees the strict element schema, but the SDK accepts any element: it would silently drop an
// element that breaks its schema from the stream and then fail the whole answer at the end. Each element is
// validated here instead, so a broken one costs its repo only.
const answerElementSchema = jsonSchema(
  () => z.toJSONSchema(modelResultSchema, { target: "draft-7" }) as JSONSchema7,
  { validate: (value) => ({ success: true, value }) },
);
export const answerOutput = Output.array({
  element: answerElementSchema,
  name: "repository_fit",
  description: "One fit verdict per repository in the batch.",
});

/**
 * The array output for one streamed call, parsing the partial answer only when it can have changed. The SDK
 * re-parses the whole text after every token, which is quadratic: a few hundred milliseconds of CPU for an
 * analysis batch of 8 arriving at once. An element is complete (for the SDK) only once the next one opens or
 * the answer closes, so only a token holding a brace or a closing bracket can change the list of complete
 * elements; skipping the others delays nothing, and the next parse recomputes the whole list anyway.
 */
export function createStreamedAnswerOutput(): typeof answerOutput {
  let parsedLength = 0;
  return {
    ...answerOutput,
    parsePartialOutput: (options) => {
      const added = options.text.slice(parsedLength);
      parsedLength = options.text.length;
      return /[{}\]]/.test(added) ? answerOutput.parsePartialOutput(options) : Promise.resolve(undefined);
    },
  };
}

const MAX_CONTRIBUTIONS = 3;

const MAX_WHY_CHARS = 300;
const pickedIssueItemSchema = z.object({ number: z.number(), why: z.string() });
/** The verdict without its picks, which are checked one by one against the issues the model was given. */
const verdictSchema = analysisResultSchema.omit({ pickedIssues: true });

/**
 * The picks that name an issue the model was shown (unclaimed, of this repository), first mention only,
 * at most MAX_PICKED_ISSUES; any other number is dropped, whatever the model says about it.
 */
function readPickedIssues(options: { value: unknown; offered: ReadonlySet<number> }): PickedIssue[] {
  const { value, offered } = options;
  if (!Array.isArray(value)) return [];
  const picked: PickedIssue[] = [];
  for (const item of value) {
    const parsed = pickedIssueItemSchema.safeParse(item);
    if (!parsed.success || !offered.has(parsed.data.number)) continue;
    if (picked.some((pick) => pick.number === parsed.data.number)) continue;
    const why = parsed.data.why.replace(/\s+/g, " ").trim().slice(0, MAX_WHY_CHARS);
    picked.push({ number: parsed.data.number, why });
    if (picked.length === MAX_PICKED_ISSUES) break;
  }
  return picked;
}

/** Issue numbers a text names as "#123". */
function findNamedIssueNumbers(text: string): number[] {
  return Array.from(text.matchAll(/#(\d{1,9})\b/g), (match) => Number(match[1]));
}

/**
 * Validates one item against the contract: the strict schema, then the rules it cannot express. Returns
 * null for an item that cannot be trusted. `repo` holds the analysis batch's repository the item answers
 * for, when known: its unclaimed starter issues are the only ones that may be picked, and a contribution
 * that names one of its claimed issues is dropped.
 */
function validateResultItem(options: {
  item: unknown;
  repo: RepoMetadata | undefined;
}): AnalysisResult | null {
  const { item, repo } = options;
  const parsed = verdictSchema.safeParse(item);
  if (!parsed.success) return null;
  const result = parsed.data;
  const offered = new Set(unclaimedStarterIssues(repo ?? {}).map((issue) => issue.number));
  const claimed = new Set(
    (repo?.starterIssues ?? []).filter((issue) => issue.claimed).map((issue) => issue.number),
  );
  const reason = result.reason.trim();
  if (reason === "") return null;
  const contributions = result.contributions
    .map((text) => text.trim())
    .filter((text) => text !== "" && !findNamedIssueNumbers(text).some((number) => claimed.has(number)));
  if (result.reject) {
    // A rejection outranks whatever score came with it: the contract says rejected means 0.
    return {
      ...result,
      reason,
      fitScore: 0,
      contributions: contributions.slice(0, MAX_CONTRIBUTIONS),
      rejectReason: result.rejectReason?.trim() || reason,
      pickedIssues: [],
    };
  }
  if (contributions.length === 0) return null;
  // The model was told "1 to 3"; a fourth idea is trimmed rather than costing the whole verdict.
  return {
    ...result,
    reason,
    contributions: contributions.slice(0, MAX_CONTRIBUTIONS),
    rejectReason: null,
    // Without the repository's starter issues there was nothing to pick from: absent, as the built-in
    // analyzer leaves it, rather than an empty list that would read as "none fits".
    ...(repo?.starterIssues === undefined
      ? {}
      : {
          pickedIssues: readPickedIssues({
            value: (item as { pickedIssues?: unknown }).pickedIssues,
            offered,
          }),
        }),
  };
}

/** One repository of an analysis batch, under the id the prompt gave it. */
export type AnalysisBatchEntry = { id: string; fullName: string; repo: RepoMetadata };

export type ResultMatcher = {
  /** The item's validated result, or null when it is unknown, a repeat or cannot be trusted. */
  accept(item: unknown): AnalysisResult | null;
  /** Every result so far in analysis batch order, and the repos still without one. */
  settle(): { results: AnalysisResult[]; skipped: string[] };
};

/**
 * Matches the model's items back to the analysis batch as they arrive; unknown repos are dropped, the first
 * valid answer for a repo wins, and repos without one are skipped.
 */
export function createResultMatcher(entries: readonly AnalysisBatchEntry[]): ResultMatcher {
  const byKey = new Map(entries.map((entry) => [entry.id.toLowerCase(), entry]));
  const found = new Map<string, AnalysisResult>();
  return {
    accept(item) {
      const id = verdictSchema.shape.repo.safeParse((item as { repo?: unknown } | null)?.repo);
      const entry = id.success ? byKey.get(id.data.trim().toLowerCase()) : undefined;
      // An unknown repo is never invented into the results; the first valid answer for a repo wins.
      if (entry === undefined || found.has(entry.fullName)) return null;
      const result = validateResultItem({ item, repo: entry.repo });
      if (result === null) return null;
      const matched = { ...result, repo: entry.fullName };
      found.set(entry.fullName, matched);
      return matched;
    },
    settle() {
      const results: AnalysisResult[] = [];
      const skipped: string[] = [];
      for (const { fullName } of entries) {
        const result = found.get(fullName);
        if (result) results.push(result);
        else skipped.push(fullName);
      }
      return { results, skipped };
    },
  };
}
