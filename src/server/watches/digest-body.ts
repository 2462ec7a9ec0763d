import { formatCountOf } from "@/lib/words";
import type { Digest } from "@/shared/watches";
import { formatNumber } from "./read-digests";

/**
 * The body of a digest, as HTML (the feed entry's content, the mail's HTML part) and as plain text (the
 * mail's text part). Titles, descriptions, reasons and URLs come from GitHub and the analyzer: untrusted, so
 * every one is escaped here and shown as text, and links go only to http(s) addresses.
 */

// XML 1.0 allows tab, LF, CR and every character from U+0020 on, except the surrogates, U+FFFE and U+FFFF.
// A feed holding any other is not well-formed, and readers drop it whole.
const notXmlCharacter = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
// Line breaks of every kind, the other C1 controls and runs of white space.
const breaksAndSpaces = /[\s\u007F-\u009F]+/gu;

/** The text without the characters XML cannot carry (NUL and the other C0 controls, lone surrogates…). */
export function xmlSafe(text: string): string {
  return text.replace(notXmlCharacter, "");
}

/**
 * Untrusted text as one plain line: no control characters and no line breaks, so it can neither break a mail
 * header nor pass for a line of its own in a text part ("Unsubscribe: https://elsewhere").
 */
export function oneLine(text: string): string {
  return xmlSafe(text).replace(breaksAndSpaces, " ").trim();
}

const htmlEntities: Record<string, string> = {
  "&": "&amp;",
  "<": "&lt;",
  ">": "&gt;",
  '"': "&quot;",
  "'": "&#39;",
};

/** Text as HTML text or attribute value: one line, every character that means something in HTML escaped. */
export function escapeHtml(text: string): string {
  return oneLine(text).replace(/[&<>"']/g, (character) => htmlEntities[character] ?? character);
}

/** The URL when it is an http(s) one, else null: a `javascript:` link from a stored row must not be clickable. */
export function webUrl(url: string): string | null {
  if (!URL.canParse(url)) return null;
  const parsed = new URL(url);
  return parsed.protocol === "https:" || parsed.protocol === "http:" ? parsed.href : null;
}

function htmlLink(url: string, text: string): string {
  const href = webUrl(url);
  return href ? `<a href="${escapeHtml(href)}">${escapeHtml(text)}</a>` : escapeHtml(text);
}

const issueLabel = (issue: { number: number; title: string }) => `#${issue.number} ${issue.title}`;

const changeWords = { claimed: "now claimed", closed: "closed" } as const;

/** What the run cost, in one line. */
export function describeDigestCost({ cost }: Pick<Digest, "cost">): string {
  const count = (value: number, one: string, other: string) => formatCountOf(value, one, other, formatNumber);
  const tokens = cost.llmInputTokens + cost.llmOutputTokens;
  return [
    count(cost.githubRequests, "GitHub request", "GitHub requests"),
    `${count(tokens, "LLM token", "LLM tokens")} (${formatNumber(cost.llmInputTokens)} in, ${formatNumber(cost.llmOutputTokens)} out)`,
    count(cost.cachedResults, "cached analysis", "cached analyses"),
    count(cost.readmesFromCache, "README reused", "READMEs reused"),
  ].join(" · ");
}

function htmlSection(title: string, items: string[]): string {
  if (items.length === 0) return "";
  return `<h3>${escapeHtml(title)} (${formatNumber(items.length)})</h3>\n<ul>\n${items.map((item) => `<li>${item}</li>`).join("\n")}\n</ul>\n`;
}

/** The digest as an HTML fragment: its three lists, then the run's cost. */
export function renderDigestHtml(digest: Digest): string {
  const repositories = digest.newRepositories.map((repository) => {
    const description = repository.description ? `<br>${escapeHtml(repository.description)}` : "";
    const issues = repository.pickedIssues.map(
      (issue) => `<li>Starter issue: ${htmlLink(issue.url, issueLabel(issue))}</li>`,
    );
    return (
      `${htmlLink(repository.url, repository.fullName)} · fit ${formatNumber(repository.fitScore)}/10` +
      `${description}<br>Why: ${escapeHtml(repository.reason)}` +
      (issues.length > 0 ? `\n<ul>\n${issues.join("\n")}\n</ul>` : "")
    );
  });
  const issues = digest.newIssues.map(
    ({ repository, repositoryUrl, issue }) =>
      `${htmlLink(repositoryUrl, repository)}: ${htmlLink(issue.url, issueLabel(issue))}`,
  );
  const gone = digest.goneIssues.map(
    (issue) =>
      `${escapeHtml(issue.repository)}: ${htmlLink(issue.url, issueLabel(issue))} (${changeWords[issue.change]})`,
  );
  return (
    htmlSection("New repositories", repositories) +
    htmlSection("New starter issues", issues) +
    htmlSection("Issues taken", gone) +
    `<p>This run: ${escapeHtml(describeDigestCost(digest))}</p>\n`
  );
}

/** A URL in a text part, or nothing when it is not an http(s) one. */
const textUrl = (url: string) => {
  const href = webUrl(url);
  return href ? ` <${href}>` : "";
};

function textSection(title: string, items: string[]): string {
  if (items.length === 0) return "";
  return `${title} (${formatNumber(items.length)})\n\n${items.map((item) => `- ${item}`).join("\n")}\n\n`;
}

/** The digest as plain text, for the mail's text part. */
export function renderDigestText(digest: Digest): string {
  const repositories = digest.newRepositories.map((repository) => {
    const lines = [
      `${oneLine(repository.fullName)}${textUrl(repository.url)} · fit ${formatNumber(repository.fitScore)}/10`,
      ...(repository.description ? [oneLine(repository.description)] : []),
      `Why: ${oneLine(repository.reason)}`,
      ...repository.pickedIssues.map(
        (issue) => `Starter issue: ${oneLine(issueLabel(issue))}${textUrl(issue.url)}`,
      ),
    ];
    return lines.join("\n  ");
  });
  const issues = digest.newIssues.map(
    ({ repository, issue }) => `${oneLine(repository)}: ${oneLine(issueLabel(issue))}${textUrl(issue.url)}`,
  );
  const gone = digest.goneIssues.map(
    (issue) =>
      `${oneLine(issue.repository)}: ${oneLine(issueLabel(issue))}${textUrl(issue.url)} (${changeWords[issue.change]})`,
  );
  return (
    textSection("New repositories", repositories) +
    textSection("New starter issues", issues) +
    textSection("Issues taken", gone) +
    `This run: ${describeDigestCost(digest)}\n`
  );
}
