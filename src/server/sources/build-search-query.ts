import { AppError } from "@/server/errors";
import { planSearchQuery, type BuildSearchQueryOptions } from "@/shared/search-query";

/** The search string both sources run; throws BAD_REQUEST when GitHub would refuse it. */
export function buildSearchQuery(options: BuildSearchQueryOptions): string {
  const plan = planSearchQuery(options);
  if (plan.kind !== "ok") throw new AppError("BAD_REQUEST", plan.message);
  return plan.query;
}
