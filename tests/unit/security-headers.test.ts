import { describe, expect, it } from "vitest";
import { buildPageContentSecurityPolicy, createNonce } from "@/server/http/security-headers";

function directivesOf(policy: string): Map<string, string[]> {
  return new Map(
    policy.split("; ").map((directive) => {
      const [name = "", ...sources] = directive.split(" ");
      return [name, sources];
    }),
  );
}

describe("the pages' Content-Security-Policy", () => {
  const production = directivesOf(buildPageContentSecurityPolicy({ nonce: "abc123==", isDev: false }));

  it("runs scripts only by nonce, trusting what they load, never inline code or eval", () => {
    expect(production.get("script-src")).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(production.get("script-src-attr")).toEqual(["'none'"]);
    expect(production.get("style-src")).toEqual(["'self'", "'nonce-abc123=='"]);
  });

  it("loads everything else from this origin only, and cannot be framed", () => {
    expect(production.get("default-src")).toEqual(["'self'"]);
    expect(production.get("object-src")).toEqual(["'none'"]);
    expect(production.get("base-uri")).toEqual(["'self'"]);
    expect(production.get("form-action")).toEqual(["'self'"]);
    expect(production.get("frame-ancestors")).toEqual(["'none'"]);
  });

  it("allows eval and inline styles only in development, where React and hot reloading need them", () => {
    const development = directivesOf(buildPageContentSecurityPolicy({ nonce: "n", isDev: true }));
    expect(development.get("script-src")).toContain("'unsafe-eval'");
    expect(development.get("style-src")).toContain("'unsafe-inline'");
    expect(development.get("frame-ancestors")).toEqual(["'none'"]);
    expect([...production.values()].flat().join(" ")).not.toMatch(/unsafe/);
  });
});

describe("createNonce", () => {
  it("gives 128 random bits in base64, different every time", () => {
    const nonces = new Set(Array.from({ length: 1000 }, () => createNonce()));
    expect(nonces.size).toBe(1000);
    for (const nonce of nonces) expect(nonce).toMatch(/^[A-Za-z0-9+/]{22}==$/);
  });
});
