import type {
  GitHubServerActivity,
  GitHubServerData,
  GitHubServerIssue,
  GitHubServerRepo,
} from "../fakes/github-server";

/**
 * The test GitHub server's data with issues that change while a test runs: open a starter issue, assign
 * someone, link an open pull request, close it. Everything else is the wrapped data's.
 */
export type MutableGitHub = {
  data: GitHubServerData;
  /** Opens an issue with these labels; returns its number. */
  openIssue: (repository: string, issue: { title: string; labels: readonly string[]; at: Date }) => number;
  assign: (repository: string, number: number, login: string, at: Date) => void;
  linkPullRequest: (repository: string, number: number, at: Date) => void;
  close: (repository: string, number: number, at: Date) => void;
  issuesOf: (repository: string) => readonly GitHubServerIssue[];
};

const emptyActivity: GitHubServerActivity = {
  issues: [],
  pullRequests: [],
  defaultBranch: null,
  contributingGuide: null,
  codeOfConduct: null,
  latestRelease: null,
};

export function mutableGitHub(base: GitHubServerData): MutableGitHub {
  const changed = new Map<string, GitHubServerIssue[]>();
  const key = (repository: string) => repository.toLowerCase();
  const wrapped = new Map<GitHubServerRepo, GitHubServerRepo>();

  const wrap = (repo: GitHubServerRepo): GitHubServerRepo => {
    let entry = wrapped.get(repo);
    if (!entry) {
      const name = key(repo.metadata.fullName);
      entry = {
        ...repo,
        readActivity: () => {
          const activity = repo.readActivity?.() ?? emptyActivity;
          const issues = changed.get(name);
          return issues ? { ...activity, issues } : activity;
        },
      };
      wrapped.set(repo, entry);
    }
    return entry;
  };

  const findRepo = (repository: string) => {
    const [owner = "", name = ""] = repository.split("/");
    const found = base.findRepository(owner, name);
    if (!found) throw new Error(`No repository ${repository} in the test data`);
    return found;
  };

  const editable = (repository: string): GitHubServerIssue[] => {
    const name = key(repository);
    let issues = changed.get(name);
    if (!issues) {
      issues = [...(findRepo(repository).readActivity?.().issues ?? [])];
      changed.set(name, issues);
    }
    return issues;
  };

  const edit = (
    repository: string,
    number: number,
    change: (issue: GitHubServerIssue) => GitHubServerIssue,
  ) => {
    const issues = editable(repository);
    const index = issues.findIndex((issue) => issue.number === number);
    const issue = issues[index];
    if (!issue) throw new Error(`No issue #${number} in ${repository}`);
    issues[index] = change(issue);
  };

  return {
    data: {
      search: (query) => {
        const outcome = base.search(query);
        return { ...outcome, matches: outcome.matches.map(wrap) };
      },
      findRepository: (owner, name) => {
        const found = base.findRepository(owner, name);
        return found ? wrap(found) : undefined;
      },
    },
    openIssue: (repository, { title, labels, at }) => {
      const repo = findRepo(repository).metadata;
      const issues = editable(repository);
      const number = Math.max(1000, ...issues.map((issue) => issue.number)) + 1;
      issues.push({
        number,
        title,
        url: `${repo.url}/issues/${number}`,
        state: "OPEN",
        labels,
        createdAt: at.toISOString(),
        updatedAt: at.toISOString(),
        author: { login: "newcomer-friendly-maintainer", bot: false },
        authorAssociation: "OWNER",
        assignees: [],
        comments: [],
        closingPullRequests: [],
      });
      return number;
    },
    assign: (repository, number, login, at) => {
      edit(repository, number, (issue) => ({
        ...issue,
        assignees: [...issue.assignees, login],
        updatedAt: at.toISOString(),
      }));
    },
    linkPullRequest: (repository, number, at) => {
      edit(repository, number, (issue) => ({
        ...issue,
        closingPullRequests: [...issue.closingPullRequests, { number: number + 5000, state: "OPEN" }],
        updatedAt: at.toISOString(),
      }));
    },
    close: (repository, number, at) => {
      edit(repository, number, (issue) => ({ ...issue, state: "CLOSED", updatedAt: at.toISOString() }));
    },
    issuesOf: (repository) => editable(repository),
  };
}
