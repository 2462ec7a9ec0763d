import { randomUUID } from "node:crypto";
import { parseFeed } from "@rowanmanning/feed-parser";
import type { ParsedMail } from "mailparser";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { parseEnv } from "@/env";
import { createAppDependencies, type AppDependencies } from "@/server/app-dependencies";
import { LOCAL_USER_ID } from "@/server/auth/viewer";
import type { Logger } from "@/server/logger";
import { deliverPendingDigests } from "@/server/watches/deliver-digests";
import { entryIdOf, renderDigestFeed } from "@/server/watches/digest-feed";
import { createDigestMailer, type DigestMailer } from "@/server/watches/digest-mail";
import { digestContentOf } from "@/server/watches/read-digests";
import { createWatch, updateWatch } from "@/server/watches/watch-store";
import { watchCreateInputSchema, watchUpdateInputSchema, type Digest } from "@/shared/watches";
import { serveApi } from "../support/http-app";
import { MAIL_PASSWORD, startMailServer, type MailServer } from "../support/mail-server";
import { sendRawRequest } from "../support/raw-http";
import { createTempDb, type TempDb } from "../support/temp-db";

const NOW = new Date("2025-06-01T12:00:00Z");
const FROM = "GitHub Scout <scout@localhost>";
// A name as hostile as a person may type: markup, quotes, an ampersand and a header of its own.
const HOSTILE_NAME = 'Rust <b>CLIs</b> & "friends"\r\nBcc: victim@example.com';
const NAME_AS_ONE_LINE = 'Rust <b>CLIs</b> & "friends" Bcc: victim@example.com';
const NAME_AS_HTML = "Rust &lt;b&gt;CLIs&lt;/b&gt; &amp; &quot;friends&quot; Bcc: victim@example.com";
const SUMMARY = "1 new repository · 1 new starter issue · 1 issue taken";

let temp: TempDb;
let deps: AppDependencies;
let app: { url: string; close: () => Promise<void> };
let mail: MailServer;
let logs: string[];

beforeAll(async () => {
  temp = createTempDb();
  logs = [];
  const logger: Logger = {
    error: (message, details) => logs.push(`${message} ${String(details)}`),
    warn: (message, details) => logs.push(`${message} ${String(details)}`),
  };
  deps = createAppDependencies({
    env: parseEnv({ SCOUT_WATCH_SCHEDULER: "0" }),
    db: temp.db,
    clock: () => NOW,
    logger,
  });
  app = await serveApi(deps);
  mail = await startMailServer();
});
afterAll(async () => {
  await app.close();
  await mail.close();
  await temp.cleanup();
});
beforeEach(async () => {
  await temp.db.watch.deleteMany();
  mail.received.length = 0;
  logs.length = 0;
});

async function seedWatch(emailTo: string | null) {
  const watch = await createWatch({
    db: temp.db,
    logger: deps.logger,
    userId: LOCAL_USER_ID,
    now: NOW,
    input: watchCreateInputSchema.parse({
      name: HOSTILE_NAME,
      filters: { languages: ["Rust"] },
      schedule: { kind: "daily", hour: 9, timeZone: "UTC" },
      profile: { languages: ["Rust"], topics: [], skillLevel: "beginner", goals: "" },
      emailTo,
    }),
  });
  const row = await temp.db.watch.findUniqueOrThrow({
    where: { id: watch.id },
    select: { feedSecret: true, unsubscribeToken: true },
  });
  return { ...watch, ...row };
}

/** A digest of hostile text: markup, an ampersand, quotes, line breaks, an emoji and control characters. */
function hostileDigest(watchId: string, minutesAfter: number): Digest {
  const createdAt = new Date(NOW.getTime() - 60 * 60_000 + minutesAfter * 60_000).toISOString();
  return {
    id: randomUUID(),
    watchId,
    runId: randomUUID(),
    createdAt,
    newRepositories: [
      {
        fullName: "evil/<script>alert(1)</script>",
        url: "https://github.com/evil/repo",
        description: 'Fast & "safe" <img src=x onerror=alert(1)> 🚀 bell\u0007 nul\u0000 end',
        fitScore: 8,
        reason: "Fits you</li><script>steal()</script>",
        pickedIssues: [
          {
            number: 7,
            title: "Fix it\r\nBcc: victim@example.com",
            url: "https://github.com/evil/repo/issues/7",
            labels: ["good first issue"],
            createdAt,
          },
        ],
      },
    ],
    newIssues: [
      {
        repository: "calm/repo",
        repositoryUrl: "javascript:alert(1)",
        issue: {
          number: 12,
          title: "Docs & tests <b>bold</b>",
          url: "https://github.com/calm/repo/issues/12",
          labels: [],
          createdAt,
        },
      },
    ],
    goneIssues: [
      {
        repository: "calm/repo",
        number: 3,
        title: "Old 'one'",
        url: "https://github.com/calm/repo/issues/3",
        change: "claimed",
      },
    ],
    cost: {
      githubRequests: 12,
      llmInputTokens: 3000,
      llmOutputTokens: 400,
      cachedResults: 2,
      readmesFromCache: 5,
    },
  };
}

async function storeDigest(digest: Digest): Promise<void> {
  await temp.db.watchDigest.create({
    data: {
      id: digest.id,
      watchId: digest.watchId,
      watchRunId: randomUUID(),
      runId: digest.runId,
      content: digestContentOf(digest),
      createdAt: new Date(digest.createdAt),
    },
  });
}

/** The hostile text of hostileDigest, as it must appear in HTML: escaped, one line, controls gone. */
function expectEscapedHostileHtml(html: string): void {
  expect(html).toContain("evil/&lt;script&gt;alert(1)&lt;/script&gt;");
  expect(html).toContain("Fast &amp; &quot;safe&quot; &lt;img src=x onerror=alert(1)&gt; 🚀 bell nul end");
  expect(html).toContain("Fits you&lt;/li&gt;&lt;script&gt;steal()&lt;/script&gt;");
  expect(html).toContain("#7 Fix it Bcc: victim@example.com");
  expect(html).toContain("Old &#39;one&#39;");
  expect(html).not.toMatch(/<script|<img|<b>|javascript:/i);
  expectNoControlCharacters(html);
}

/** The bell and NUL of hostileDigest: XML 1.0 cannot carry them, and a mail has no use for them. */
function expectNoControlCharacters(text: string): void {
  expect(text).not.toContain("\u0000");
  expect(text).not.toContain("\u0007");
}

function deliver(mailer: DigestMailer, maxAttempts?: number) {
  return deliverPendingDigests({
    db: temp.db,
    logger: deps.logger,
    clock: () => NOW,
    mailer,
    from: FROM,
    publicBaseUrl: app.url,
    maxAttempts,
  });
}

/** A header as its raw line said it, unfolded; one entry per line with that name. */
function headerValues(parsed: ParsedMail, name: string): string[] {
  return parsed.headerLines
    .filter((header) => header.key === name)
    .map((header) =>
      header.line
        .slice(header.line.indexOf(":") + 1)
        .replace(/\r?\n[ \t]+/g, " ")
        .trim(),
    );
}

describe("a watch's Atom feed", () => {
  it("serves every digest as an entry with a stable id, its summary, its run and its text escaped", async () => {
    const watch = await seedWatch(null);
    const older = hostileDigest(watch.id, 0);
    const newer = hostileDigest(watch.id, 30);
    await storeDigest(older);
    await storeDigest(newer);

    const response = await fetch(`${app.url}${watch.feedPath}`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/atom+xml; charset=utf-8");
    expect(response.headers.get("cache-control")).toMatch(/private/);
    const xml = await response.text();
    expectNoControlCharacters(xml);
    const feed = parseFeed(xml);
    expect(feed.title).toBe(`${NAME_AS_ONE_LINE} · GitHub Scout`);
    expect(feed.self).toBe(`http://localhost:3000${watch.feedPath}`);
    expect(feed.updated?.toISOString()).toBe(newer.createdAt);
    expect(feed.items.map((item) => item.id)).toEqual([entryIdOf(newer.id), entryIdOf(older.id)]);
    expect(new Set(feed.items.map((item) => item.id)).size).toBe(2);
    expect(feed.items.map((item) => item.title)).toEqual([SUMMARY, SUMMARY]);
    expect(feed.items.map((item) => item.url)).toEqual([
      `http://localhost:3000/runs/${newer.runId}`,
      `http://localhost:3000/runs/${older.runId}`,
    ]);
    // The parser's `content` decodes HTML entities once more, for display; the HTML itself, as Atom defines
    // it for type="html", is the element's text.
    const content = feed.items[0]?.element.findElementWithName("content")?.textContent ?? "";
    expect(feed.items[0]?.element.findElementWithName("content")?.getAttribute("type")).toBe("html");
    expectEscapedHostileHtml(content);
    expect(content).toContain('<a href="https://github.com/calm/repo/issues/12">#12 Docs &amp; tests');
    expect(content).toContain("calm/repo: ");
    expect(content).toContain("(now claimed)");
    expect(content).toContain(
      "12 GitHub requests · 3,400 LLM tokens (3,000 in, 400 out) · 2 cached analyses · 5 READMEs reused",
    );

    const again = parseFeed(await (await fetch(`${app.url}${watch.feedPath}`)).text());
    expect(again.items.map((item) => item.id)).toEqual(feed.items.map((item) => item.id));
  });

  it("answers a repeated fetch with 304 Not Modified while nothing changed", async () => {
    const watch = await seedWatch(null);
    await storeDigest(hostileDigest(watch.id, 0));
    const first = await fetch(`${app.url}${watch.feedPath}`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^".+"$/);
    const unchanged = await fetch(`${app.url}${watch.feedPath}`, { headers: { "If-None-Match": etag } });
    expect(unchanged.status).toBe(304);
    await storeDigest(hostileDigest(watch.id, 45));
    const changed = await fetch(`${app.url}${watch.feedPath}`, { headers: { "If-None-Match": etag } });
    expect(changed.status).toBe(200);
  });

  it("is valid Atom for a watch without digests yet", async () => {
    const watch = await seedWatch(null);
    const feed = parseFeed(await (await fetch(`${app.url}${watch.feedPath}`)).text());
    expect(feed.items).toEqual([]);
    expect(feed.updated?.toISOString()).toBe(NOW.toISOString());
  });

  it("answers 404, the same way, for an unknown, malformed or rotated address", async () => {
    const watch = await seedWatch(null);
    const unknown = await fetch(`${app.url}/feeds/${"A".repeat(32)}.atom`);
    const malformed = await fetch(`${app.url}/feeds/not%20a%20secret`);
    expect(unknown.status).toBe(404);
    expect(malformed.status).toBe(404);
    expect(await malformed.text()).toBe(await unknown.text());

    const rotated = await updateWatch({
      db: temp.db,
      logger: deps.logger,
      userId: LOCAL_USER_ID,
      now: NOW,
      input: watchUpdateInputSchema.parse({ watchId: watch.id, rotateFeedSecret: true }),
    });
    expect(rotated.feedPath).not.toBe(watch.feedPath);
    expect((await fetch(`${app.url}${watch.feedPath}`)).status).toBe(404);
    expect((await fetch(`${app.url}${rotated.feedPath}`)).status).toBe(200);
  });

  it("is answered only for the host names the server answers", async () => {
    const watch = await seedWatch(null);
    const forged = await sendRawRequest({
      url: `${app.url}${watch.feedPath}`,
      headers: { Host: "evil.example" },
    });
    expect(forged.status).toBe(421);
  });

  it("leaves out characters XML cannot carry, wherever they come from", () => {
    const digest = hostileDigest("watch-1", 0);
    const xml = renderDigestFeed({
      watch: { id: "watch-1", name: "Lone \uD800 surrogate, NUL \u0000 and \uFFFF", createdAt: NOW },
      digests: [{ ...digest, newIssues: [], goneIssues: [] }],
      feedUrl: "https://scout.example/feeds/abc.atom",
      siteUrl: "https://scout.example/",
      runUrl: (runId) => `https://scout.example/runs/${runId}`,
    });
    expectNoControlCharacters(xml);
    expect(xml).not.toContain("\uD800");
    expect(xml).not.toContain("\uFFFF");
    expect(parseFeed(xml).title).toBe("Lone surrogate, NUL and · GitHub Scout");
  });
});

describe("mailing digests", () => {
  it("mails each digest once, as text and escaped HTML, with one-click unsubscribe headers", async () => {
    const watch = await seedWatch("reader@example.com");
    const digests = [hostileDigest(watch.id, 0), hostileDigest(watch.id, 30)];
    for (const digest of digests) await storeDigest(digest);
    const mailer = createDigestMailer({ smtpUrl: mail.smtpUrl(), logger: deps.logger });

    expect(await deliver(mailer)).toEqual({ sent: 2, failed: 0, skipped: 0 });
    expect(mail.received).toHaveLength(2);
    const unsubscribeUrl = `${app.url}/unsubscribe/${watch.unsubscribeToken}`;
    for (const [index, { rcptTo, mail: parsed }] of mail.received.entries()) {
      expect(rcptTo).toEqual(["reader@example.com"]);
      expect(parsed.subject).toBe(`${NAME_AS_ONE_LINE}: ${SUMMARY}`);
      expect(headerValues(parsed, "subject")).toHaveLength(1);
      expect(headerValues(parsed, "bcc")).toEqual([]);
      expect(headerValues(parsed, "list-unsubscribe")).toEqual([`<${unsubscribeUrl}>`]);
      expect(headerValues(parsed, "list-unsubscribe-post")).toEqual(["List-Unsubscribe=One-Click"]);
      expect(parsed.text).toContain(`Unsubscribe (one click, no sign-in): ${unsubscribeUrl}`);
      expect(parsed.text).toContain(`Open this run: ${app.url}/runs/${digests[index]?.runId}`);
      expect(parsed.text).toContain("Starter issue: #7 Fix it Bcc: victim@example.com");
      const html = parsed.html || "";
      expect(html).toContain(`<a href="${unsubscribeUrl}">Unsubscribe</a>`);
      expect(html).toContain(`<strong>${NAME_AS_HTML}</strong>`);
      expectEscapedHostileHtml(html);
    }
    const rows = await temp.db.watchDigest.findMany({
      select: { emailedAt: true, emailAttempts: true, emailError: true },
    });
    expect(rows).toEqual([
      { emailedAt: NOW, emailAttempts: 1, emailError: null },
      { emailedAt: NOW, emailAttempts: 1, emailError: null },
    ]);

    expect(await deliver(mailer)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(mail.received).toHaveLength(2);
  });

  it("mails nothing for a watch without an address", async () => {
    const watch = await seedWatch(null);
    await storeDigest(hostileDigest(watch.id, 0));
    const mailer = createDigestMailer({ smtpUrl: mail.smtpUrl(), logger: deps.logger });
    expect(await deliver(mailer)).toEqual({ sent: 0, failed: 0, skipped: 0 });
    expect(mail.received).toEqual([]);
  });

  it("records a refused mail and tries it again, up to maxAttempts in all", async () => {
    const refusing = await startMailServer({ rejectRecipients: true });
    try {
      const watch = await seedWatch("nobody@example.com");
      const digest = hostileDigest(watch.id, 0);
      await storeDigest(digest);
      const mailer = createDigestMailer({ smtpUrl: refusing.smtpUrl(), logger: deps.logger });

      for (let call = 1; call <= 3; call += 1) {
        expect(await deliver(mailer, 3)).toEqual({ sent: 0, failed: 1, skipped: 0 });
        const row = await temp.db.watchDigest.findUniqueOrThrow({ where: { id: digest.id } });
        expect(row).toMatchObject({ emailedAt: null, emailAttempts: call });
        expect(row.emailError).toMatch(/^The mail server refused the message: 550 .*No such mailbox here/);
      }
      expect(await deliver(mailer, 3)).toEqual({ sent: 0, failed: 0, skipped: 0 });
      expect(refusing.recipientsAsked).toEqual(Array(3).fill("nobody@example.com"));
      expect(logs.some((line) => line.includes(`Digest ${digest.id} was not mailed after 3 tries`))).toBe(
        true,
      );
    } finally {
      await refusing.close();
    }
  });

  it("says the login was refused without ever storing or logging the password", async () => {
    const watch = await seedWatch("reader@example.com");
    const digest = hostileDigest(watch.id, 0);
    await storeDigest(digest);
    const wrongPassword = "wrong-Pa55/with:odd@chars";
    const mailer = createDigestMailer({ smtpUrl: mail.smtpUrl(wrongPassword), logger: deps.logger });

    expect(await deliver(mailer)).toEqual({ sent: 0, failed: 1, skipped: 0 });
    const row = await temp.db.watchDigest.findUniqueOrThrow({ where: { id: digest.id } });
    expect(row.emailError).toMatch(/^The mail server refused the login of SCOUT_SMTP_URL/);
    for (const text of [row.emailError ?? "", ...logs]) {
      expect(text).not.toContain(wrongPassword);
      expect(text).not.toContain(encodeURIComponent(wrongPassword));
      expect(text).not.toContain(MAIL_PASSWORD);
    }
    expect(mail.received).toEqual([]);
  });
});

describe("unsubscribing from a watch's mail", () => {
  async function mailOneDigest() {
    const watch = await seedWatch("reader@example.com");
    await storeDigest(hostileDigest(watch.id, 0));
    const mailer = createDigestMailer({ smtpUrl: mail.smtpUrl(), logger: deps.logger });
    expect(await deliver(mailer)).toMatchObject({ sent: 1 });
    const received = mail.received[0]?.mail;
    const link = /Unsubscribe \(one click, no sign-in\): (\S+)/.exec(received?.text ?? "")?.[1] ?? "";
    return { watch, mailer, link, received };
  }

  const emailToOf = async (watchId: string) =>
    (await temp.db.watch.findUniqueOrThrow({ where: { id: watchId }, select: { emailTo: true } })).emailTo;

  it("stops the mail at once when the mail's link is opened, and says so again on a second click", async () => {
    const { watch, mailer, link, received } = await mailOneDigest();
    expect(received && headerValues(received, "list-unsubscribe")).toEqual([`<${link}>`]);

    const response = await fetch(link);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(response.headers.get("referrer-policy")).toBe("no-referrer");
    const page = await response.text();
    expect(page).toContain("<h1>Unsubscribed</h1>");
    expect(page).toContain(`<strong>${NAME_AS_HTML}</strong>`);
    expect(page).not.toContain("<b>CLIs");
    expect(await emailToOf(watch.id)).toBeNull();

    const again = await fetch(link);
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("<h1>Unsubscribed</h1>");

    await storeDigest(hostileDigest(watch.id, 30));
    expect(await deliver(mailer)).toEqual({ sent: 0, failed: 0, skipped: 0 });
  });

  it("stops the mail on a mail client's one-click POST (RFC 8058)", async () => {
    const { watch, link } = await mailOneDigest();
    const response = await fetch(link, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(response.status).toBe(200);
    expect(await emailToOf(watch.id)).toBeNull();
  });

  it("answers 404 for an unknown link, and for one replaced by a new address", async () => {
    const { watch, link } = await mailOneDigest();
    const unknown = await fetch(`${app.url}/unsubscribe/${"B".repeat(32)}`);
    expect(unknown.status).toBe(404);
    expect(await unknown.text()).toContain("Unknown unsubscribe link");

    await updateWatch({
      db: temp.db,
      logger: deps.logger,
      userId: LOCAL_USER_ID,
      now: NOW,
      input: watchUpdateInputSchema.parse({ watchId: watch.id, emailTo: "new@example.com" }),
    });
    expect((await fetch(link)).status).toBe(404);
    expect(await emailToOf(watch.id)).toBe("new@example.com");
  });
});
