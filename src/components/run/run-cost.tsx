import { formatCountOf } from "@/lib/words";
import { formatTimeToFirstResult } from "@/lib/dates";
import type { Usage } from "@/shared/runs";

const formatNumber = (value: number) => value.toLocaleString("en-US");

type RunCostProps = {
  usage: Usage;
  startedAt: string;
  firstResultAt: string | null | undefined;
};

/**
 * What the run cost and how soon it answered: GitHub requests, LLM tokens, what the caches saved, and the
 * time to the first result. Shown for every run, so a repeat search's savings are visible.
 */
export function RunCost({ usage, startedAt, firstResultAt }: RunCostProps) {
  const cached = usage.cachedResults ?? 0;
  const saved = usage.llmInputTokensSaved ?? 0;
  const readmes = usage.readmesFromCache ?? 0;
  const firstResult = firstResultAt ? formatTimeToFirstResult(startedAt, firstResultAt) : null;
  return (
    <section className="run-cost" aria-label="Cost of this search" data-testid="run-cost">
      <ul>
        <li data-testid="cost-github">
          {formatCountOf(usage.githubRequests, "GitHub request", "GitHub requests", formatNumber)}
          {usage.searchRequests ? `, ${formatNumber(usage.searchRequests)} of them searching` : ""}
        </li>
        <li data-testid="cost-llm">
          LLM tokens: {formatNumber(usage.llmInputTokens)} in, {formatNumber(usage.llmOutputTokens)} out
        </li>
        <li data-testid="cost-cached">
          {formatCountOf(cached, "result", "results", formatNumber)} from the cache
          {saved > 0 ? `, saving about ${formatNumber(saved)} input tokens` : ""}
        </li>
        {readmes > 0 ? (
          <li data-testid="cost-readmes">
            {formatCountOf(readmes, "README", "READMEs", formatNumber)} reused, not fetched again
          </li>
        ) : null}
        {firstResult !== null ? (
          <li data-testid="cost-first-result">First result after {firstResult}</li>
        ) : null}
      </ul>
    </section>
  );
}
