import type { Db } from "@/server/db/client";
import { AppError } from "@/server/errors";
import type { Logger } from "@/server/logger";
import { composeDigestMail, MailDeliveryError, type DigestMailer } from "./digest-mail";
import { digestRowSelect, toDigest } from "./read-digests";
import { digestLinksOf } from "./watch-links";

export type DigestDeliveryCounts = {
  /** Mails the SMTP server took. */
  sent: number;
  /** Mails that failed this time (each tried again on a later call, up to maxAttempts in all). */
  failed: number;
  /** Digests another process claimed first. */
  skipped: number;
};

export const defaultMaxMailAttempts = 3;
/**
 * Digests older than this are not mailed: turning mail back on for a watch must not send its whole backlog,
 * and news of starter issues is stale after a couple of days anyway (the feed keeps them all).
 */
export const MAIL_MAX_AGE_MS = 2 * 24 * 60 * 60 * 1000;
/** Digests taken up by one call, oldest first; the rest wait for the next. */
export const defaultDeliveryBatch = 100;

/** A short reason to store in emailError, for the owner to read. */
function failureMessage(error: unknown): string {
  if (error instanceof MailDeliveryError || error instanceof AppError) return error.message;
  return "The mail could not be sent";
}

/**
 * Mails each digest that is waiting for it: its watch has an address, it was not mailed, and fewer than
 * `maxAttempts` tries have failed. One mail at a time; each digest is tried at most once per call, so the
 * retries of a failing one are spread over the scheduler's calls rather than spent at once.
 *
 * Several processes may run this at the same time (web instances, workers), so each digest is claimed with a
 * conditional update before its mail is sent, and only the process whose update matched sends it. The claim
 * sets `emailedAt` at once, so a digest in flight is no longer waiting for anyone else either; a failure
 * clears it again and records the error. A process that dies between the claim and the server's answer
 * leaves the digest marked as mailed: at most one mail, never two (the feed still has it).
 */
export async function deliverPendingDigests({
  db,
  logger,
  clock,
  mailer,
  from,
  publicBaseUrl,
  maxAttempts = defaultMaxMailAttempts,
  batch = defaultDeliveryBatch,
}: {
  db: Db;
  logger: Logger;
  clock: () => Date;
  mailer: DigestMailer;
  /** SCOUT_MAIL_FROM */
  from: string;
  /** Where the mail's links lead: SCOUT_PUBLIC_URL, or the local default (publicUrlOf). */
  publicBaseUrl: string;
  maxAttempts?: number;
  batch?: number;
}): Promise<DigestDeliveryCounts> {
  const counts: DigestDeliveryCounts = { sent: 0, failed: 0, skipped: 0 };
  const waiting = await db.watchDigest.findMany({
    where: {
      emailedAt: null,
      emailAttempts: { lt: maxAttempts },
      createdAt: { gte: new Date(clock().getTime() - MAIL_MAX_AGE_MS) },
      watch: { emailTo: { not: null } },
    },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    take: batch,
    select: {
      ...digestRowSelect,
      emailAttempts: true,
      watch: { select: { name: true, emailTo: true, feedSecret: true, unsubscribeToken: true } },
    },
  });
  for (const row of waiting) {
    const { watch } = row;
    if (watch.emailTo === null) continue;
    const attempt = row.emailAttempts + 1;
    const claimed = await db.watchDigest.updateMany({
      // Unchanged since it was read: nobody else claimed it, and the watch still mails to the same address
      // (an unsubscribe in between wins).
      where: {
        id: row.id,
        emailedAt: null,
        emailAttempts: row.emailAttempts,
        watch: { emailTo: watch.emailTo },
      },
      data: { emailedAt: clock(), emailAttempts: attempt },
    });
    if (claimed.count === 0) {
      counts.skipped += 1;
      continue;
    }
    try {
      const digest = toDigest(row, logger);
      if (!digest) throw new AppError("CONFLICT", "The stored digest is damaged and cannot be mailed");
      const links = digestLinksOf({
        publicBaseUrl,
        runId: digest.runId,
        feedSecret: watch.feedSecret,
        unsubscribeToken: watch.unsubscribeToken,
      });
      await mailer.send(
        composeDigestMail({ digest, watch: { name: watch.name, emailTo: watch.emailTo }, from, links }),
      );
      // updateMany: a watch deleted meanwhile took its digests along, which is no error here.
      await db.watchDigest.updateMany({
        where: { id: row.id },
        data: { emailedAt: clock(), emailError: null },
      });
      counts.sent += 1;
    } catch (error) {
      const message = failureMessage(error);
      await db.watchDigest.updateMany({
        where: { id: row.id },
        data: { emailedAt: null, emailError: message },
      });
      counts.failed += 1;
      if (!(error instanceof AppError)) logger.error(`Mailing digest ${row.id} failed unexpectedly`, error);
      if (attempt >= maxAttempts) {
        logger.warn(`Digest ${row.id} was not mailed after ${attempt} tries; giving up: ${message}`);
      }
    }
  }
  return counts;
}
