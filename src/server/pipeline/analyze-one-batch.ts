import type { AnalysisProfile, AnalyzeBatchOutput, Analyzer } from "@/server/analysis/analyzer";
import { AppError } from "@/server/errors";
import { llmBudgetSpentError } from "@/server/runs/monthly-llm-budget";
import type { AnalysisResult } from "@/shared/analysis";
import type { RepoContents } from "@/shared/repo-contents";
import type { RepoMetadata } from "@/shared/repos";
import type { RunBatchContext } from "./run-batches";
import type { RunTally } from "./run-tally";

/** The owner's monthly LLM token budget, and what is left of it besides this run. */
export type RunLlmBudget = { tokensPerMonth: number; tokensLeft: number };

/** A batch not sent because the run's owner has spent their monthly LLM budget. */
export function isLlmBudgetSpent(error: unknown): error is AppError {
  return error instanceof AppError && error.blockedBy === "llm-budget";
}

/** A credential the LLM server or GitHub refused, or one that is missing: nothing will work without it. */
function isRefusedCredential(error: unknown): boolean {
  return error instanceof AppError && error.code === "CONFIGURATION";
}

/**
 * One analysis batch, as the analyze phase sends it: not at all once the owner's budget is spent, its
 * spending counted the moment it answers (the next batch may start before this outcome is taken in, and its
 * budget check must already see it), and a refused credential reported so the run can stop everything else.
 */
export function createBatchAnalysis({
  analyzer,
  profile,
  readmes,
  contents,
  tally,
  llmBudget,
  clock,
  onRefusedCredential,
}: {
  analyzer: Analyzer;
  profile: AnalysisProfile;
  readmes: ReadonlyMap<string, string | null>;
  /** The top-level entries the details brought, for the built-in analyzer's non-project check. */
  contents?: ReadonlyMap<string, RepoContents | null>;
  tally: RunTally;
  llmBudget: RunLlmBudget | null;
  clock: () => Date;
  onRefusedCredential: (error: unknown) => void;
}) {
  return async (
    batch: RepoMetadata[],
    context: RunBatchContext<AnalysisResult>,
  ): Promise<AnalyzeBatchOutput> => {
    if (llmBudget && tally.llmTokens >= llmBudget.tokensLeft)
      throw llmBudgetSpentError(llmBudget.tokensPerMonth, clock());
    try {
      const output = await analyzer.analyzeBatch({
        profile,
        repos: batch,
        readmes,
        contents,
        signal: context.signal,
        onResult: context.emit,
      });
      tally.addAnalyzerUsage(output.usage);
      return output;
    } catch (error) {
      if (isRefusedCredential(error)) onRefusedCredential(error);
      throw error;
    }
  };
}
