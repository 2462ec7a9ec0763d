"use client";

import Link from "next/link";
import { toIssueLink } from "@/lib/github-links";
import { scoreTone } from "@/lib/format";
import { describeDigestCost, describeDigestCounts } from "@/lib/watch-words";
import type { Digest } from "@/shared/watches";
import { GitHubLink } from "../github-link";
import { LocalDateTime } from "../local-date-time";

/**
 * One digest: what one run of the watch found new. Names, titles and reasons come from GitHub and the
 * analyzer, so they render as text; links go only to the configured GitHub's pages.
 */
export function DigestEntry({ digest, githubWebOrigin }: { digest: Digest; githubWebOrigin: string }) {
  return (
    <article className="digest" aria-labelledby={`digest-${digest.id}`} data-testid="digest">
      <h4 id={`digest-${digest.id}`} className="digest-date">
        <LocalDateTime iso={digest.createdAt} />
      </h4>
      <p className="muted digest-counts" data-testid="digest-counts">
        {describeDigestCounts(digest)} ·{" "}
        <Link href={`/runs/${digest.runId}`}>open the search it came from</Link>
      </p>
      {digest.newRepositories.length > 0 ? (
        <div>
          <h5 className="digest-subheading">New repositories</h5>
          <ul className="digest-items">
            {digest.newRepositories.map((repository) => (
              <li key={repository.fullName} data-testid="digest-repository">
                <span className="digest-repository">
                  <GitHubLink url={repository.url} testId="digest-repository-link">
                    {repository.fullName}
                  </GitHubLink>
                  <span
                    className={`score-badge score-${scoreTone(repository.fitScore)}`}
                    aria-label={`Fit score ${repository.fitScore} out of 10`}
                  >
                    {repository.fitScore}
                    <span className="score-max">/10</span>
                  </span>
                </span>
                <p className="digest-reason">{repository.reason}</p>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {digest.newIssues.length > 0 ? (
        <div>
          <h5 className="digest-subheading">New starter issues</h5>
          <ul className="digest-items">
            {digest.newIssues.map(({ repository, issue }) => (
              <li key={`${repository}#${issue.number}`} data-testid="digest-new-issue">
                <IssueLink
                  url={issue.url}
                  text={`${repository}#${issue.number} ${issue.title}`}
                  githubWebOrigin={githubWebOrigin}
                />
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {digest.goneIssues.length > 0 ? (
        <div>
          <h5 className="digest-subheading">Taken since</h5>
          <ul className="digest-items">
            {digest.goneIssues.map((issue) => (
              <li key={`${issue.repository}#${issue.number}`} data-testid="digest-gone-issue">
                <IssueLink
                  url={issue.url}
                  text={`${issue.repository}#${issue.number} ${issue.title}`}
                  githubWebOrigin={githubWebOrigin}
                />{" "}
                <span className="muted">{issue.change === "claimed" ? "claimed by someone" : "closed"}</span>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <p className="digest-cost" data-testid="digest-cost">
        {describeDigestCost(digest.cost)}
      </p>
    </article>
  );
}

function IssueLink({ url, text, githubWebOrigin }: { url: string; text: string; githubWebOrigin: string }) {
  const link = toIssueLink(url, githubWebOrigin);
  if (link.kind === "link")
    return (
      <a href={link.href} target="_blank" rel="noopener noreferrer" data-testid="digest-issue-link">
        {text}
        <span className="visually-hidden"> (opens in a new tab)</span>
      </a>
    );
  return (
    <span data-testid="digest-issue-text">
      {text}
      {link.kind === "demo" ? (
        <span className="demo-badge" title="Demo data: this issue does not exist on GitHub">
          demo
        </span>
      ) : null}
    </span>
  );
}
