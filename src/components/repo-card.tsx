import { formatRelativeTime } from "@/lib/dates";
import { formatCount, scoreTone } from "@/lib/format";
import { describeDiscoveredBy } from "@/lib/lane-words";
import { formatCountOf } from "@/lib/words";
import type { RepoMetadata } from "@/shared/repos";
import type { RunAnalysisResult } from "@/shared/runs";
import { GitHubLink } from "./github-link";
import { RepoMarkActions } from "./run/repo-mark-actions";
import { HealthLine, PickedIssueList } from "./starter-issues";

/**
 * One analyzed repository. Everything in it that came from GitHub or the analyzer is untrusted and is
 * rendered as plain text by React, never as HTML.
 */
export function RepoCard({
  result,
  repo,
  githubWebOrigin = "",
}: {
  result: RunAnalysisResult;
  repo: RepoMetadata | undefined;
  /** Where real issue links may point (scout.config's githubWebOrigin); none are made without it. */
  githubWebOrigin?: string;
}) {
  const tone = scoreTone(result.fitScore);
  const url = repo?.url ?? `https://github.com/${result.repo}`;
  const foundBy = describeDiscoveredBy(repo?.discoveredBy);
  return (
    <article
      className={`repo-card${result.reject ? " is-rejected" : ""}`}
      data-testid="repo-card"
      data-repo={result.repo}
      data-score={result.fitScore}
      data-stars={repo?.stars}
    >
      <header className="repo-card-header">
        <h3 className="repo-name">
          <GitHubLink url={url} testId="repo-link">
            {result.repo}
          </GitHubLink>
          {result.newSinceLastRun ? (
            <span className="new-badge" data-testid="new-badge">
              New<span className="visually-hidden"> since your last search</span>
            </span>
          ) : null}
        </h3>
        <span
          className={`score-badge score-${tone}`}
          data-testid="score-badge"
          data-tone={tone}
          aria-label={`Fit score ${result.fitScore} out of 10`}
        >
          {result.fitScore}
          <span className="score-max">/10</span>
        </span>
      </header>
      {repo?.description ? (
        <p className="repo-description" data-testid="repo-description">
          {repo.description}
        </p>
      ) : null}
      {repo ? (
        <ul className="repo-facts" aria-label="Repository facts">
          {repo.primaryLanguage ? <li data-testid="repo-language">{repo.primaryLanguage}</li> : null}
          <li data-testid="repo-stars">★ {formatCount(repo.stars)}</li>
          <li data-testid="repo-open-issues">
            {formatCountOf(repo.openIssues, "open issue", "open issues", formatCount)}
          </li>
          <li data-testid="repo-good-first">
            {formatCountOf(repo.goodFirstIssues, "good first issue", "good first issues")}
          </li>
          {repo.license ? <li>{repo.license}</li> : null}
          <li>pushed {formatRelativeTime(repo.pushedAt)}</li>
          {foundBy ? <li data-testid="repo-found-by">{foundBy}</li> : null}
        </ul>
      ) : null}
      {result.reject ? (
        <p className="repo-reject" data-testid="reject-reason">
          Rejected: {result.rejectReason ?? result.reason}
        </p>
      ) : (
        <>
          <p className="repo-reason" data-testid="repo-reason">
            {result.reason}
          </p>
          <PickedIssueList
            picks={result.pickedIssues}
            issues={repo?.starterIssues}
            githubWebOrigin={githubWebOrigin}
          />
          <HealthLine health={repo?.health} />
          {result.contributions.length > 0 ? (
            <div className="repo-contributions">
              <h4>Ways to contribute</h4>
              <ul data-testid="repo-contributions">
                {result.contributions.map((contribution) => (
                  <li key={contribution}>{contribution}</li>
                ))}
              </ul>
            </div>
          ) : null}
        </>
      )}
      <RepoMarkActions repo={result.repo} mark={result.mark} />
    </article>
  );
}
