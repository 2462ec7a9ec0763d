import type { ScoutEvent } from "@/shared/events";
import type { RepoMetadata } from "@/shared/repos";
import type { SearchBlocker, Usage } from "@/shared/runs";

/**
 * What the run has spent, found and lost so far. The stages add to it as they go and the pipeline reads it
 * to end the run; its fields are handed to the run's writes as they stand at each write.
 */
export class RunTally {
  readonly usage: Required<Usage>;
  readonly warnings: string[] = [];
  readonly skipped: string[] = [];
  /** Lower-cased "owner/name" of every candidate with a stored analysis in this run. */
  readonly analyzed = new Set<string>();
  /** Why analyses were lost, each cause once, for a run that ends with none. */
  readonly lostAnalysisCauses = new Set<string>();
  /** What the owner must act on, when that is what kept the rest of the run from being analyzed. */
  blockedBy: SearchBlocker | undefined;
  firstResultAt: Date | null;
  private ranked: RepoMetadata[] = [];

  /** `earlier`: what earlier attempts at the run spent, when a worker died and this attempt resumes it. */
  constructor(earlier?: { usage: Required<Usage>; firstResultAt: Date | null }) {
    this.usage = earlier
      ? { ...earlier.usage }
      : {
          githubRequests: 0,
          llmInputTokens: 0,
          llmOutputTokens: 0,
          cachedResults: 0,
          llmInputTokensSaved: 0,
          readmesFromCache: 0,
          searchRequests: 0,
        };
    this.firstResultAt = earlier?.firstResultAt ?? null;
  }

  /** The candidates sent to analysis (cached ones included), in ranking order. */
  get candidates(): readonly RepoMetadata[] {
    return this.ranked;
  }

  /** Adds survivors of the screening, keeping the candidates in the order of `rank` ("owner/name" → place). */
  addCandidates(repos: readonly RepoMetadata[], rank: ReadonlyMap<string, number>): void {
    this.ranked = [...this.ranked, ...repos].sort(
      (a, b) => (rank.get(a.fullName) ?? 0) - (rank.get(b.fullName) ?? 0),
    );
  }

  /** Records the warning, and returns the event that announces it. */
  warn(message: string): ScoutEvent {
    this.warnings.push(message);
    return { type: "warning", message };
  }

  /** The LLM tokens the run has spent, input and output, earlier attempts included. */
  get llmTokens(): number {
    return this.usage.llmInputTokens + this.usage.llmOutputTokens;
  }

  /** The rest of the run's analyses were not sent, for a reason the owner must act on. */
  stopBecause(blocker: SearchBlocker, cause: string): void {
    this.blockedBy = blocker;
    this.lostAnalysisCauses.add(cause);
  }

  countGitHubRequest(): void {
    this.usage.githubRequests += 1;
  }

  /** A request of discovery's searches: a GitHub request that usage also counts on its own. */
  countSearchRequest(): void {
    this.countGitHubRequest();
    this.usage.searchRequests += 1;
  }

  countReadmesFromCache(count: number): void {
    this.usage.readmesFromCache += count;
  }

  /** What one analysis batch (one analyzer call) spent. */
  addAnalyzerUsage(usage: { inputTokens: number; outputTokens: number }): void {
    this.usage.llmInputTokens += usage.inputTokens;
    this.usage.llmOutputTokens += usage.outputTokens;
  }

  /** Analyses answered from the analysis cache, each with the input tokens it cost when it was made. */
  addCachedAnalyses(inputTokens: readonly number[]): void {
    this.usage.cachedResults += inputTokens.length;
    this.usage.llmInputTokensSaved += inputTokens.reduce((sum, tokens) => sum + tokens, 0);
  }

  /** The candidates neither analyzed nor skipped yet: what a run stopped early never got to. */
  listUnanalyzed(): string[] {
    return this.ranked
      .map((repo) => repo.fullName)
      .filter((name) => !this.analyzed.has(name.toLowerCase()) && !this.skipped.includes(name));
  }
}
