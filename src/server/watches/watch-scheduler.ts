import { Cron } from "croner";
import type { GitHubAccountSources } from "@/server/auth/github-account-sources";
import type { Logger } from "@/server/logger";
import type { StartSearchDeps } from "@/server/pipeline/start-search";
import type { RepositorySource } from "@/server/sources/repository-source";
import { deliverPendingDigests } from "./deliver-digests";
import type { DigestMailer } from "./digest-mail";
import { runDueWatches, type DueWatchesOutcome } from "./run-due-watches";
import { settleWatchRuns } from "./settle-watch-runs";

/**
 * One look of the scheduler: settle the runs that ended since (digests), start the runs that are due, and
 * mail what is waiting. Every step is safe to run in several processes at once and to repeat after a crash,
 * so the embedded server runs it on a timer and the hosted mode on the job queue's schedule, in whichever
 * worker takes the tick.
 */

/** How digests are mailed: the SMTP mailer, the sender, and the base of the links in the mail. */
export type DigestMailSettings = { mailer: DigestMailer; from: string; publicBaseUrl: string };

export type WatchTickDeps = StartSearchDeps & {
  source: RepositorySource;
  githubAccounts: Pick<GitHubAccountSources, "sourceFor"> | null;
  /** Null without SMTP: digests go to the feeds only. */
  mail: DigestMailSettings | null;
};

export type WatchTick = { due: DueWatchesOutcome; settled: number; digests: string[] };

export async function tickWatches(deps: WatchTickDeps): Promise<WatchTick> {
  const settle = () =>
    settleWatchRuns({
      db: deps.db,
      logger: deps.logger,
      clock: deps.clock,
      sourceFor: (userId) => deps.githubAccounts?.sourceFor(userId) ?? deps.source,
      pickupTimeoutMs: deps.limits.pickupTimeoutMs,
    });
  const before = await settle();
  const due = await runDueWatches({ deps });
  const { mail } = deps;
  if (mail) {
    await deliverPendingDigests({ db: deps.db, logger: deps.logger, clock: deps.clock, ...mail }).catch(
      (error: unknown) => {
        deps.logger.error("Mailing watch digests failed", error);
      },
    );
  }
  return { due, settled: before.settled, digests: before.digests };
}

/** How often schedulers look: slots are whole minutes (schedules run at most hourly). */
export const WATCH_TICK_CRON = "* * * * *";

/**
 * The embedded server's scheduler: a tick every minute (croner), one at a time, and one at once at start-up
 * so a slot missed while the server was down runs now. Returns the function that stops it.
 */
export function startInProcessWatchScheduler({
  tick,
  logger,
}: {
  tick: () => Promise<unknown>;
  logger: Logger;
}): () => void {
  const run = async () => {
    await tick().catch((error: unknown) => {
      logger.error("The watch scheduler's tick failed", error);
    });
  };
  const job = new Cron(WATCH_TICK_CRON, { protect: true, unref: true }, run);
  void run();
  return () => {
    job.stop();
  };
}
