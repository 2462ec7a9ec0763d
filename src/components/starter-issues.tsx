import { formatRelativeTime } from "@/lib/dates";
import { toIssueLink } from "@/lib/github-links";
import { summarizeHealth } from "@/lib/health-words";
import { formatCountOf } from "@/lib/words";
import type { PickedIssue } from "@/shared/analysis";
import type { RepoHealth, StarterIssue } from "@/shared/repos";

/**
 * A card's starter issues and health. Titles, labels and the analyzer's words are untrusted text, rendered
 * as text; a link is only made to the configured GitHub's web pages, and a demo issue is marked as such.
 */

const MAX_LABELS = 5;

/**
 * The analyzer's picks joined to the run's starter issues, best first. A pick with no matching issue, or a
 * claimed one, is never listed, whatever the stored analysis says.
 */
export function selectPickedIssues(
  picks: readonly PickedIssue[] | undefined,
  issues: readonly StarterIssue[] | undefined,
): { issue: StarterIssue; why: string }[] {
  const byNumber = new Map((issues ?? []).map((issue) => [issue.number, issue]));
  return (picks ?? []).flatMap((pick) => {
    const issue = byNumber.get(pick.number);
    return issue && !issue.claimed ? [{ issue, why: pick.why }] : [];
  });
}

function IssueTitle({ issue, githubWebOrigin }: { issue: StarterIssue; githubWebOrigin: string }) {
  const text = `#${issue.number} ${issue.title}`;
  const link = toIssueLink(issue.url, githubWebOrigin);
  if (link.kind === "link") {
    return (
      <a
        className="issue-title"
        href={link.href}
        target="_blank"
        rel="noopener noreferrer"
        data-testid="picked-issue-link"
      >
        {text}
      </a>
    );
  }
  return (
    <span className="issue-title" data-testid="picked-issue-text">
      {text}
      {link.kind === "demo" ? (
        <span className="demo-badge" title="Demo data: this issue does not exist on GitHub">
          demo
        </span>
      ) : null}
    </span>
  );
}

export function PickedIssueList({
  picks,
  issues,
  githubWebOrigin,
}: {
  picks: readonly PickedIssue[] | undefined;
  issues: readonly StarterIssue[] | undefined;
  githubWebOrigin: string;
}) {
  const picked = selectPickedIssues(picks, issues);
  if (picked.length === 0) return null;
  return (
    <div className="repo-issues">
      <h4>Issues to start with</h4>
      <ul data-testid="picked-issues">
        {picked.map(({ issue, why }) => (
          <li key={issue.number} data-testid="picked-issue" data-number={issue.number}>
            <IssueTitle issue={issue} githubWebOrigin={githubWebOrigin} />
            {issue.labels.length > 0 ? (
              <ul className="issue-labels" aria-label="Labels">
                {issue.labels.slice(0, MAX_LABELS).map((label) => (
                  <li key={label}>{label}</li>
                ))}
              </ul>
            ) : null}
            <p className="issue-meta" data-testid="picked-issue-meta">
              opened {formatRelativeTime(issue.createdAt)} ·{" "}
              {formatCountOf(issue.comments, "comment", "comments")}
            </p>
            {why.trim() !== "" ? (
              <p className="issue-why" data-testid="picked-issue-why">
                {why}
              </p>
            ) : null}
          </li>
        ))}
      </ul>
    </div>
  );
}

export function HealthLine({ health }: { health: RepoHealth | undefined }) {
  if (!health) return null;
  return (
    <p className="repo-health" data-testid="repo-health">
      {summarizeHealth(health).join(" · ")}
    </p>
  );
}
