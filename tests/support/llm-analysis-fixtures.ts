import type { AnalysisProfile } from "@/server/analysis/analyzer";
import type { RepoMetadata } from "@/shared/repos";

/** Builders for LLM-analyzer tests: plausible repos and a profile, overridable per test. */

export const TEST_API_KEY = "fake_oa_test-SECRETKEY-do-not-leak-0123456789";

export const typescriptProfile: AnalysisProfile = {
  languages: ["TypeScript", "Go"],
  topics: ["developer-tools", "cli"],
  skillLevel: "intermediate",
  goals: "Contribute to developer tooling that ships CLIs; learn Go along the way.",
};

export function makeRepo(fullName: string, overrides: Partial<RepoMetadata> = {}): RepoMetadata {
  const [owner = "owner", name = "name"] = fullName.split("/");
  return {
    githubId: fullName.length * 1000 + (fullName.codePointAt(0) ?? 0),
    owner,
    name,
    fullName,
    url: `https://github.com/${fullName}`,
    description: `The ${name} project.`,
    primaryLanguage: "TypeScript",
    languages: ["TypeScript", "JavaScript"],
    stars: 1200,
    forks: 80,
    openIssues: 42,
    topics: ["cli", "developer-tools"],
    license: "MIT",
    pushedAt: "2025-05-01T10:00:00Z",
    createdAt: "2021-03-01T10:00:00Z",
    goodFirstIssues: 4,
    helpWantedIssues: 6,
    ...overrides,
  };
}

export function makeRepos(count: number, prefix = "acme/tool"): RepoMetadata[] {
  return Array.from({ length: count }, (_, index) => makeRepo(`${prefix}-${index + 1}`));
}

/** A README of about `chars` characters that reads like a real one. */
export function makeReadme(options: { name: string; chars: number }): string {
  const { name, chars } = options;
  const paragraph = `${name} is a fast command-line tool for developers. It parses configuration, runs tasks in parallel and reports results. `;
  const sections = [
    `# ${name}\n\n`,
    "## Installation\n\n```sh\nnpm install -g " + name + "\n```\n\n",
    "## Usage\n\n",
    "## Contributing\n\nIssues labelled good first issue are a great place to start. Run the tests with npm test.\n\n",
  ].join("");
  let text = sections;
  while (text.length < chars) text += paragraph;
  return text.slice(0, chars);
}

export function readmesFor(repos: readonly RepoMetadata[], chars: number): Map<string, string | null> {
  return new Map(repos.map((repo) => [repo.fullName, makeReadme({ name: repo.name, chars })]));
}
