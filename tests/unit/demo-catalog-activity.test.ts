import { describe, expect, it } from "vitest";
import { demoCatalogLandmarks } from "@/server/sources/catalog/catalog-landmarks";
import { DEMO_URL_HOST, isDemoUrl } from "@/lib/github-links";
import {
  countCommitsSince,
  type CatalogActivity,
  type CatalogIssue,
} from "@/server/sources/catalog/catalog-activity";
import type { CatalogRepo } from "@/server/sources/catalog/demo-catalog";
import { generateDemoCatalog } from "@/server/sources/catalog/generate-demo-catalog";
import { injectionTitles } from "@/server/sources/catalog/write-issues";
import { classifyStarterLabel } from "@/shared/starter-labels";

const now = new Date("2026-11-25T12:00:00Z");
const catalog = generateDemoCatalog({ now });
const YEAR_MS = 365 * 86_400_000;

const withActivity: { repo: CatalogRepo; activity: CatalogActivity }[] = catalog.repos.map((repo) => ({
  repo,
  activity: catalog.readActivity(repo),
}));
const openStarterIssues = (activity: CatalogActivity) =>
  activity.issues.filter(
    (issue) => issue.state === "OPEN" && issue.labels.some((label) => classifyStarterLabel(label) !== null),
  );
const allStarterIssues = withActivity.flatMap(({ activity }) => openStarterIssues(activity));
const landmark = (fullName: string) => {
  const [owner = "", name = ""] = fullName.split("/");
  const repo = catalog.findRepo(owner, name);
  if (!repo) throw new Error(`landmark ${fullName} is missing`);
  return { repo, activity: catalog.readActivity(repo) };
};
const isClaimed = (issue: CatalogIssue) =>
  issue.assignees.length > 0 || issue.closingPullRequests.some((pullRequest) => pullRequest.state === "OPEN");

describe("the demo catalog's issues and maintainers", () => {
  it("label exactly as many open issues as the discovery counts say, with the synonym sets", () => {
    for (const { repo, activity } of withActivity) {
      const open = activity.issues.filter((issue) => issue.state === "OPEN");
      const kinds = open.map((issue) => issue.labels.map(classifyStarterLabel));
      expect(kinds.filter((labels) => labels.includes("beginner")).length).toBe(
        repo.metadata.goodFirstIssues,
      );
      expect(kinds.filter((labels) => labels.includes("help-wanted")).length).toBe(
        repo.metadata.helpWantedIssues,
      );
      expect(open.length).toBeLessThanOrEqual(repo.metadata.openIssues);
    }
  });

  it("spell starter labels the many ways real projects do", () => {
    const spellings = new Set(allStarterIssues.flatMap((issue) => issue.labels));
    for (const label of ["good first issue", "help wanted", "E-easy", "up-for-grabs", "first-timers-only"])
      expect(spellings).toContain(label);
  });

  it("lays the traps: claimed issues, closed links that claim nothing, stale and injected titles", () => {
    const assigned = allStarterIssues.filter((issue) => issue.assignees.length > 0);
    const linkedOpen = allStarterIssues.filter(
      (issue) =>
        issue.assignees.length === 0 && issue.closingPullRequests.some((link) => link.state === "OPEN"),
    );
    const closedLinkOnly = allStarterIssues.filter(
      (issue) =>
        !isClaimed(issue) &&
        issue.closingPullRequests.some((link) => ["CLOSED", "MERGED"].includes(link.state)),
    );
    const stale = allStarterIssues.filter((issue) => now.getTime() - Date.parse(issue.updatedAt) > YEAR_MS);
    const injected = allStarterIssues.filter((issue) =>
      (injectionTitles as readonly string[]).includes(issue.title),
    );
    expect(assigned.length).toBeGreaterThan(100);
    expect(linkedOpen.length).toBeGreaterThan(100);
    expect(closedLinkOnly.length).toBeGreaterThan(50);
    expect(stale.length).toBeGreaterThan(100);
    expect(injected.length).toBeGreaterThan(10);
    expect(injected.every((issue) => !isClaimed(issue))).toBe(true);
  });

  it("has repositories where only bots and the issue's author ever comment, and some where nobody does", () => {
    for (const level of ["bots-and-author", "silent"] as const) {
      const repos = withActivity.filter(
        ({ activity }) => activity.responsiveness === level && activity.issues.length > 0,
      );
      expect(repos.length).toBeGreaterThan(50);
      for (const { activity } of repos) {
        for (const issue of activity.issues) {
          for (const comment of issue.comments) {
            const byBot = comment.author.bot || /(?:^|-)(?:ro)?bot$/.test(comment.author.login);
            expect(byBot || comment.author.login === issue.author.login).toBe(true);
          }
        }
      }
    }
    expect(
      withActivity.filter(({ activity }) => openStarterIssues(activity).length === 0).length,
    ).toBeGreaterThan(500);
  });

  it("puts the hand-placed traps where the demos look for them", () => {
    for (const fullName of [
      demoCatalogLandmarks.promptInjectionPython,
      demoCatalogLandmarks.promptInjectionTypeScript,
    ]) {
      const titles = openStarterIssues(landmark(fullName).activity).map((issue) => issue.title);
      expect(titles).toContain(injectionTitles[0]);
    }
    expect(landmark(demoCatalogLandmarks.unidentifiedLicense).activity.responsiveness).toBe(
      "bots-and-author",
    );
    expect(landmark(demoCatalogLandmarks.noDescription).activity.responsiveness).toBe("silent");
    expect(openStarterIssues(landmark(demoCatalogLandmarks.noOpenIssues).activity)).toEqual([]);
    const popular = landmark(demoCatalogLandmarks.veryPopular);
    expect(openStarterIssues(popular.activity).length).toBeGreaterThanOrEqual(
      Math.max(popular.repo.metadata.goodFirstIssues, popular.repo.metadata.helpWantedIssues),
    );
  });

  it("never links to github.com for things that do not exist there", () => {
    expect(DEMO_URL_HOST).toBe("demo.invalid");
    for (const { activity } of withActivity) {
      for (const item of [...activity.issues, ...activity.pullRequests])
        expect(isDemoUrl(item.url)).toBe(true);
    }
    expect(isDemoUrl("https://github.com/a/b/issues/1")).toBe(false);
    expect(isDemoUrl("not a url")).toBe(false);
  });

  it("keeps every date at or before the anchor and every issue updated after it was opened", () => {
    for (const { activity } of withActivity.slice(0, 800)) {
      for (const issue of activity.issues) {
        expect(Date.parse(issue.updatedAt)).toBeGreaterThanOrEqual(Date.parse(issue.createdAt));
        expect(Date.parse(issue.updatedAt)).toBeLessThanOrEqual(now.getTime());
        for (const comment of issue.comments)
          expect(Date.parse(comment.createdAt)).toBeLessThanOrEqual(now.getTime());
      }
      for (const pullRequest of activity.pullRequests)
        expect(Date.parse(pullRequest.mergedAt)).toBeLessThanOrEqual(now.getTime());
    }
  });

  it("counts commits since a date from the commit rate, and none after the last push", () => {
    const { repo, activity } = landmark(demoCatalogLandmarks.veryPopular);
    const since = new Date(now.getTime() - 90 * 86_400_000);
    expect(countCommitsSince(activity.commits, since)).toBeGreaterThan(10);
    expect(countCommitsSince(activity.commits, new Date(now.getTime() + 86_400_000))).toBe(0);
    expect(Date.parse(activity.commits?.lastAt ?? "")).toBe(Date.parse(repo.metadata.pushedAt ?? ""));
  });

  it("is the same on every read and for the same seed", () => {
    const again = generateDemoCatalog({ now });
    for (const { repo, activity } of withActivity.filter((_, index) => index % 400 === 0)) {
      const other = again.findRepo(repo.metadata.owner, repo.metadata.name);
      if (!other) throw new Error("catalog differs");
      expect(again.readActivity(other)).toEqual(activity);
      expect(catalog.readActivity(repo)).toBe(activity);
    }
  });
});

describe("the demo catalog's language sizes", () => {
  it("list every language once, largest first, with the primary language the largest", () => {
    for (const repo of catalog.repos) {
      const sizes = repo.languageSizes ?? [];
      expect(sizes.map((language) => language.name)).toEqual(repo.metadata.languages);
      expect(sizes[0]?.name).toBe(repo.metadata.primaryLanguage);
      for (let index = 1; index < sizes.length; index += 1)
        expect(sizes[index]?.size).toBeLessThanOrEqual(sizes[index - 1]?.size ?? 0);
    }
  });

  it("make tutorials heavy in notebooks and HTML, and lists of links nearly code-free", () => {
    const share = (repo: CatalogRepo) => {
      const sizes = repo.languageSizes ?? [];
      const total = sizes.reduce((sum, language) => sum + language.size, 0);
      return (sizes[0]?.size ?? 0) / total;
    };
    const tutorial = landmark(demoCatalogLandmarks.pythonTutorial).repo;
    expect(tutorial.metadata.languages).toEqual(expect.arrayContaining(["Jupyter Notebook", "HTML"]));
    expect(share(tutorial)).toBeLessThan(0.5);
    const list = landmark(demoCatalogLandmarks.awesomePython).repo;
    const listTotal = (list.languageSizes ?? []).reduce((sum, language) => sum + language.size, 0);
    expect(listTotal).toBeLessThan(20_000);
    const ordinary = landmark(demoCatalogLandmarks.veryPopular).repo;
    expect(share(ordinary)).toBeGreaterThan(0.55);
  });
});
