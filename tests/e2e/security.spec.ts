import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { expect, test, type Page } from "@playwright/test";
import { sendRawRequest } from "../support/raw-http";
import { streamOversizeBody } from "../support/stream-oversize-body";
import { ProfilePage } from "./pages/profile-page";
import { ScoutPage } from "./pages/scout-page";

// The offline project only: headers, CSP and the front server do not depend on the data sources.

function expectSecurityHeaders(headers: Record<string, string>) {
  expect(headers["x-content-type-options"]).toBe("nosniff");
  expect(headers["referrer-policy"]).toBe("strict-origin-when-cross-origin");
  expect(headers["x-frame-options"]).toBe("DENY");
  expect(headers["content-security-policy"]).toContain("frame-ancestors 'none'");
}

/** Every CSP violation the browser reports, from the console and from the DOM event, on any page. */
async function watchCspViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content[- ]Security[- ]Policy/i.test(message.text())) violations.push(message.text());
  });
  await page.exposeFunction("reportCspViolation", (description: string) => {
    violations.push(description);
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      const report = (window as unknown as { reportCspViolation: (text: string) => void }).reportCspViolation;
      report(`${event.effectiveDirective} blocked ${event.blockedURI || "inline code"}`);
    });
  });
  return violations;
}

/** A page on another origin (another port) that frames the given URL, and a page of its own. */
async function startFramingSite(target: string): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    res.writeHead(200, { "content-type": "text/html" });
    if (req.url === "/own") return void res.end("<p id=own>A page of the framing site</p>");
    res.end(
      `<title>framing</title>
       <iframe id=own-frame src="/own" onload="document.body.dataset.ownLoaded='yes'"></iframe>
       <iframe id=app-frame src="${target}" onload="document.body.dataset.appLoaded='yes'"></iframe>`,
    );
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}

test.describe("security headers", () => {
  test("every response carries them: pages with a nonce policy, the API with a closed one", async ({
    request,
  }) => {
    const home = await request.get("/");
    expectSecurityHeaders(home.headers());
    const pagePolicy = home.headers()["content-security-policy"] ?? "";
    expect(pagePolicy).toMatch(/^default-src 'self'; /);
    expect(pagePolicy).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic';/);
    expect(pagePolicy).toContain("script-src-attr 'none'");
    expect(pagePolicy).not.toContain("unsafe-eval");
    expect(pagePolicy).not.toContain("unsafe-inline");
    // A fresh nonce for every response, and on every script of the page.
    const nonce = /'nonce-([^']+)'/.exec(pagePolicy)?.[1];
    const again = await request.get("/");
    expect(again.headers()["content-security-policy"]).not.toContain(`'nonce-${nonce}'`);
    const scripts = [...(await home.text()).matchAll(/<script\b[^>]*>/g)].map(([tag]) => tag);
    expect(scripts.length).toBeGreaterThan(0);
    for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);

    for (const path of ["/runs/not-a-run", "/no-such-page", "/icon.svg"]) {
      expectSecurityHeaders((await request.get(path)).headers());
    }

    const api = await request.get("/api/trpc/scout.config");
    expect(api.ok()).toBe(true);
    expectSecurityHeaders(api.headers());
    expect(api.headers()["content-security-policy"]).toBe("default-src 'none'; frame-ancestors 'none'");
    const refused = await request.post("/api/trpc/scout.search", { data: { languages: [] } });
    expect(refused.status()).toBe(400);
    expectSecurityHeaders(refused.headers());
  });

  test("the app works under its policy: a profile save and a search raise no CSP violation", async ({
    page,
  }) => {
    const violations = await watchCspViolations(page);
    const profile = new ProfilePage(page);
    await profile.open();
    await profile.fill({
      languages: ["Python", "TypeScript"],
      topics: [],
      skillLevel: "intermediate",
      goals: "Contribute to developer tools",
    });
    await profile.save();
    await expect(profile.status).toHaveText("Profile saved");
    const scout = new ScoutPage(page);
    await scout.searchAndOpenRun({ languages: ["Python", "TypeScript"], minStars: 0 });
    await scout.waitUntilDone();
    await expect(scout.cards.first()).toBeVisible();
    await page.reload();
    await expect(scout.cards.first()).toBeVisible();
    expect(violations).toEqual([]);

    // The watcher does see a violation: an injected inline event handler is blocked and reported.
    await page.evaluate(() => {
      const probe = document.createElement("div");
      probe.innerHTML = `<img src="data:," onload="document.body.dataset.injected='ran'">`;
      document.body.append(probe);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(await page.evaluate(() => document.body.dataset.injected)).toBeUndefined();
  });

  test("another site cannot frame the app", async ({ page, baseURL }) => {
    const framing = await startFramingSite(`${baseURL}/`);
    try {
      const messages: string[] = [];
      page.on("console", (message) => messages.push(message.text()));
      await page.goto(framing.url);
      await expect(page.locator("body")).toHaveAttribute("data-own-loaded", "yes");
      await expect(page.locator("body")).toHaveAttribute("data-app-loaded", "yes");

      // The framing site's own page loads in a frame; the app does not.
      await expect(page.frameLocator("#own-frame").locator("#own")).toBeVisible();
      await expect(page.frameLocator("#app-frame").getByTestId("profile-form")).toHaveCount(0);
      expect(page.frames().map((frame) => frame.url())).not.toContain(`${baseURL}/`);
      expect(messages.join("\n")).toContain("frame-ancestors 'none'");
    } finally {
      framing.server.close();
    }
  });
});

test.describe("the production server's front door", () => {
  test("refuses a forged Host (DNS rebinding) with 421", async ({ baseURL }) => {
    const port = new URL(baseURL ?? "").port;
    const forged = await sendRawRequest({
      url: `${baseURL}/api/trpc/scout.config`,
      headers: { host: `rebind.evil.example:${port}` },
    });
    expect(forged.status).toBe(421);
    expect(forged.body).not.toContain("githubSource");
    const page = await sendRawRequest({
      url: `${baseURL}/`,
      headers: { host: `rebind.evil.example:${port}` },
    });
    expect(page.status).toBe(421);
    const local = await sendRawRequest({
      url: `${baseURL}/api/trpc/scout.config`,
      headers: { host: `localhost:${port}` },
    });
    expect(local.status).toBe(200);
  });

  test("refuses an oversize streamed body with 413 long before it is all sent", async ({ baseURL }) => {
    const totalBytes = 50 * 1024 * 1024;
    const outcome = await streamOversizeBody({ url: `${baseURL}/api/trpc/profile.save`, totalBytes });
    expect(outcome.status).toBe(413);
    expect(JSON.parse(outcome.body)).toMatchObject({
      error: { message: "The request is too large: at most 64 KB." },
    });
    expect(outcome.bytesSent).toBeLessThan(totalBytes / 2);
  });
});
