import { describe, expect, it } from "vitest";
import { githubWebOriginFor, isDemoUrl, toGitHubHref, toIssueLink } from "@/lib/github-links";

describe("toGitHubHref", () => {
  const origin = "https://github.com";

  it("links a repository page on the configured origin", () => {
    expect(toGitHubHref("https://github.com/acme/tool", origin)).toBe("https://github.com/acme/tool");
  });

  it.each([
    ["plain http", "http://github.com/acme/tool"],
    ["another host", "https://evil.example/acme/tool"],
    ["a look-alike host", "https://github.com.evil.example/acme/tool"],
    ["a script URL", "javascript:alert(1)"],
    ["a data URL", "data:text/html,<script>alert(1)</script>"],
    ["credentials in the URL", "https://user:pass@github.com/acme/tool"],
    ["another port", "https://github.com:8443/acme/tool"],
    ["something that is not a URL", "acme/tool"],
  ])("refuses %s", (_, url) => {
    expect(toGitHubHref(url, origin)).toBeNull();
  });

  it("follows a GitHub Enterprise origin", () => {
    const enterprise = "https://ghe.example.com";
    expect(toGitHubHref("https://ghe.example.com/team/app", enterprise)).toBe(
      "https://ghe.example.com/team/app",
    );
    expect(toGitHubHref("https://github.com/team/app", enterprise)).toBeNull();
  });

  it("links over http only when the configured GitHub itself is served over http", () => {
    const standIn = "http://127.0.0.1:4010";
    expect(toGitHubHref("http://127.0.0.1:4010/acme/tool", standIn)).toBe("http://127.0.0.1:4010/acme/tool");
    expect(toGitHubHref("https://127.0.0.1:4010/acme/tool", standIn)).toBeNull();
    expect(toGitHubHref("http://127.0.0.1:4011/acme/tool", standIn)).toBeNull();
    expect(toGitHubHref("https://github.com/acme/tool", standIn)).toBeNull();
  });

  it("refuses everything when the origin is not an http(s) web origin", () => {
    expect(toGitHubHref("file:///etc/passwd", "file:///")).toBeNull();
    expect(toGitHubHref("javascript:alert(1)", "javascript:alert(1)")).toBeNull();
  });

  it("refuses everything when the origin itself is not a URL", () => {
    expect(toGitHubHref("https://github.com/acme/tool", "")).toBeNull();
  });
});

describe("githubWebOriginFor", () => {
  it.each([
    ["https://api.github.com", "https://github.com"],
    ["https://ghe.example.com/api/v3", "https://ghe.example.com"],
    ["https://api.acme.ghe.com", "https://acme.ghe.com"],
    ["http://127.0.0.1:4010", "http://127.0.0.1:4010"],
  ])("maps the API at %s to the web pages at %s", (apiUrl, webOrigin) => {
    expect(githubWebOriginFor(apiUrl)).toBe(webOrigin);
  });
});

describe("toIssueLink", () => {
  it("links an issue on the configured GitHub", () => {
    expect(toIssueLink("https://github.com/acme/tool/issues/12", "https://github.com")).toEqual({
      kind: "link",
      href: "https://github.com/acme/tool/issues/12",
    });
  });

  it("never links a demo issue, and marks it as demo, whatever the origin", () => {
    const url = "https://demo.invalid/acme/tool/issues/12";
    expect(isDemoUrl(url)).toBe(true);
    expect(toIssueLink(url, "https://github.com")).toEqual({ kind: "demo" });
    expect(toIssueLink(url, "https://demo.invalid")).toEqual({ kind: "demo" });
  });

  it("shows anything else as plain text, also before the origin is known", () => {
    expect(toIssueLink("https://evil.example/acme/tool/issues/1", "https://github.com")).toEqual({
      kind: "text",
    });
    expect(toIssueLink("https://github.com/acme/tool/issues/1", "")).toEqual({ kind: "text" });
    expect(isDemoUrl("not a url")).toBe(false);
  });
});
