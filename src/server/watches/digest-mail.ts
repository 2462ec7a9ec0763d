import nodemailer from "nodemailer";
import { AppError } from "@/server/errors";
import { redactingAlso, type Logger } from "@/server/logger";
import type { Digest } from "@/shared/watches";
import { z } from "@/shared/zod";
import { escapeHtml, oneLine, renderDigestHtml, renderDigestText } from "./digest-body";
import { summarizeDigest } from "./read-digests";
import type { DigestLinks } from "./watch-links";

/** A digest as one mail: what nodemailer's sendMail takes, and nothing it would fetch or attach. */
export type DigestMail = {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: { "List-Unsubscribe": string; "List-Unsubscribe-Post": string };
};

const singleAddressSchema = z.email();

/**
 * The digest's mail: a text and an HTML part, both ending with the unsubscribe link, and the RFC 8058 headers
 * with which a mail client offers its own one-click unsubscribe button. The watch's name and everything from
 * GitHub pass through oneLine or escapeHtml, so none of it can add a header or markup.
 */
export function composeDigestMail({
  digest,
  watch,
  from,
  links,
}: {
  digest: Digest;
  watch: { name: string; emailTo: string };
  /** SCOUT_MAIL_FROM, one line (src/env.ts checks it). */
  from: string;
  links: DigestLinks;
}): DigestMail {
  // The stored address was checked when it was saved; a row edited since must not become a list of them.
  if (!singleAddressSchema.safeParse(watch.emailTo).success) {
    throw new AppError("BAD_REQUEST", "The watch's mail address is not one valid address");
  }
  const name = oneLine(watch.name);
  const summary = summarizeDigest(digest);
  const text = [
    `Your watch "${name}" found: ${summary}.`,
    "",
    renderDigestText(digest),
    `Open this run: ${links.runUrl}`,
    `Your watches: ${links.watchesUrl}`,
    `The watch's feed: ${links.feedUrl}`,
    "",
    "--",
    `You get this mail because the watch "${name}" mails its digests to ${watch.emailTo}.`,
    `Unsubscribe (one click, no sign-in): ${links.unsubscribeUrl}`,
    "",
  ].join("\n");
  const html = [
    "<!doctype html>",
    '<html lang="en"><head><meta charset="utf-8">',
    `<title>${escapeHtml(summary)}</title></head><body>`,
    `<p>Your watch <strong>${escapeHtml(name)}</strong> found: ${escapeHtml(summary)}.</p>`,
    renderDigestHtml(digest),
    `<p><a href="${escapeHtml(links.runUrl)}">Open this run</a> · <a href="${escapeHtml(links.watchesUrl)}">Your watches</a> · <a href="${escapeHtml(links.feedUrl)}">The watch's feed</a></p>`,
    "<hr>",
    `<p>You get this mail because the watch <strong>${escapeHtml(name)}</strong> mails its digests to ${escapeHtml(watch.emailTo)}. ` +
      `<a href="${escapeHtml(links.unsubscribeUrl)}">Unsubscribe</a> (one click, no sign-in).</p>`,
    "</body></html>",
    "",
  ].join("\n");
  return {
    from,
    to: watch.emailTo,
    subject: oneLine(`${name}: ${summary}`),
    text,
    html,
    headers: {
      "List-Unsubscribe": `<${links.unsubscribeUrl}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/** A mail the SMTP server did not take. The message is safe to store and show: it never holds the password. */
export class MailDeliveryError extends AppError {
  constructor(message: string, options: { cause?: unknown } = {}) {
    super("UPSTREAM", message, options);
    this.name = "MailDeliveryError";
  }
}

export type DigestMailer = {
  send: (message: DigestMail) => Promise<void>;
  close: () => Promise<void>;
};

/** The URL's password as written in it and as decoded: an error could quote either. */
function passwordForms(smtpUrl: string): string[] {
  if (!URL.canParse(smtpUrl)) return [];
  const { password } = new URL(smtpUrl);
  if (!password) return [];
  try {
    return [...new Set([password, decodeURIComponent(password)])];
  } catch {
    return [password];
  }
}

const connectionCodes = new Set(["ECONNECTION", "ETIMEDOUT", "ESOCKET", "EDNS", "ETLS", "EPROXY"]);

/** What went wrong, in a short line: nodemailer's code and the server's reply, never the credentials. */
function describeMailFailure(error: unknown, secrets: readonly string[]): string {
  const fields = typeof error === "object" && error !== null ? (error as Record<string, unknown>) : {};
  const code = typeof fields.code === "string" ? fields.code : undefined;
  const reply = typeof fields.response === "string" ? fields.response : undefined;
  const message = error instanceof Error ? error.message : undefined;
  let described: string;
  if (code === "EAUTH" || code === "ENOAUTH") {
    described = `The mail server refused the login of SCOUT_SMTP_URL${reply ? `: ${reply}` : ""}`;
  } else if (code && connectionCodes.has(code)) {
    described = `Could not reach the mail server (${code}${message ? `: ${message}` : ""})`;
  } else if (reply) {
    described = `The mail server refused the message: ${reply}`;
  } else {
    described = `The mail could not be sent${message ? `: ${message}` : ""}`;
  }
  const redacted = secrets.reduce(
    (text, secret) => text.split(secret).join("[REDACTED]"),
    oneLine(described),
  );
  return redacted.length > 300 ? `${redacted.slice(0, 299)}…` : redacted;
}

/**
 * Mail through the SMTP server of SCOUT_SMTP_URL (smtp:// upgrades with STARTTLS when offered, smtps:// is
 * TLS from the start). One connection per mail: digests are few, and nothing is left open between runs.
 */
export function createDigestMailer({ smtpUrl, logger }: { smtpUrl: string; logger: Logger }): DigestMailer {
  const secrets = passwordForms(smtpUrl);
  const log = redactingAlso(logger, secrets);
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    // A silent server must not hold the deliveries behind it for nodemailer's default ten minutes.
    connectionTimeout: 20_000,
    greetingTimeout: 20_000,
    socketTimeout: 60_000,
  });
  return {
    send: async (message) => {
      try {
        await transport.sendMail(message);
      } catch (error) {
        const failure = new MailDeliveryError(describeMailFailure(error, secrets), { cause: error });
        log.warn(failure.message, error);
        throw failure;
      }
    },
    close: () => {
      transport.close();
      return Promise.resolve();
    },
  };
}
