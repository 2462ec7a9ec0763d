import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { MonthlyUsage } from "@/shared/runs";

/**
 * The LLM tokens (input and output) each person may spend in a calendar month, UTC (SCOUT_USER_MONTHLY_LLM_TOKENS).
 * What a person spent is what their runs recorded: the runs they started this month, so a search that crosses
 * midnight at the month's end counts in the month it began. The LLM key stays the operator's; this keeps one
 * person from spending it all.
 */

/** The calendar month (UTC) `now` falls in. */
export function calendarMonthOf(now: Date): { start: Date; next: Date; label: string } {
  const year = now.getUTCFullYear();
  const month = now.getUTCMonth();
  return {
    start: new Date(Date.UTC(year, month, 1)),
    next: new Date(Date.UTC(year, month + 1, 1)),
    label: `${year}-${String(month + 1).padStart(2, "0")}`,
  };
}

const formatTokens = (tokens: number) => tokens.toLocaleString("en-US");
const formatDay = (day: Date) =>
  day.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

export const llmBudgetSpentMessage = (tokensPerMonth: number, renewsAt: Date) =>
  `You have used this month's budget of ${formatTokens(tokensPerMonth)} LLM tokens. It renews on ${formatDay(renewsAt)} (UTC).`;

/** The warning of a run the budget stopped part-way, with how many candidates it left unanalyzed. */
export const llmBudgetRanOutWarning = (tokensPerMonth: number, notAnalyzed: number) =>
  `Your monthly budget of ${formatTokens(tokensPerMonth)} LLM tokens ran out during this search: ${formatTokens(notAnalyzed)} ${notAnalyzed === 1 ? "repository was" : "repositories were"} not analyzed.`;

/** What the person's runs started this month spent, leaving out one run (the one under way, say). */
export async function llmTokensSpentThisMonth({
  db,
  userId,
  now,
  exceptRunId,
}: {
  db: Db;
  userId: string;
  now: Date;
  exceptRunId?: string;
}): Promise<number> {
  const { start } = calendarMonthOf(now);
  const { _sum } = await db.searchRun.aggregate({
    where: { userId, startedAt: { gte: start }, ...(exceptRunId ? { id: { not: exceptRunId } } : {}) },
    _sum: { llmInputTokens: true, llmOutputTokens: true },
  });
  return (_sum.llmInputTokens ?? 0) + (_sum.llmOutputTokens ?? 0);
}

/** The person's spending this month, against the budget when there is one. */
export async function readMonthlyUsage({
  db,
  userId,
  now,
  tokensPerMonth,
}: {
  db: Db;
  userId: string;
  now: Date;
  tokensPerMonth: number | null;
}): Promise<MonthlyUsage> {
  const { next, label } = calendarMonthOf(now);
  const llmTokens = await llmTokensSpentThisMonth({ db, userId, now });
  return {
    month: label,
    llmTokens,
    llmTokensPerMonth: tokensPerMonth,
    llmTokensLeft: tokensPerMonth === null ? null : Math.max(0, tokensPerMonth - llmTokens),
    renewsAt: next.toISOString(),
  };
}

/**
 * Refuses a search, before it is recorded or counted, to a person with nothing left of this month's budget:
 * TOO_MANY_REQUESTS until the month turns, blockedBy "llm-budget".
 */
export async function requireLlmBudgetLeft({
  db,
  userId,
  now,
  tokensPerMonth,
}: {
  db: Db;
  userId: string;
  now: Date;
  tokensPerMonth: number;
}): Promise<void> {
  const spent = await llmTokensSpentThisMonth({ db, userId, now });
  if (spent >= tokensPerMonth) throw llmBudgetSpentError(tokensPerMonth, now);
}

/**
 * The person has no budget left this month: a search is refused with it, and an analysis batch a run would
 * send ends with it unsent. It says when to try again: when the month turns.
 */
export function llmBudgetSpentError(tokensPerMonth: number, now: Date): AppError {
  const { next } = calendarMonthOf(now);
  return new AppError("TOO_MANY_REQUESTS", llmBudgetSpentMessage(tokensPerMonth, next), {
    retryAfterSeconds: Math.max(1, Math.ceil((next.getTime() - now.getTime()) / 1000)),
    blockedBy: "llm-budget",
  });
}
