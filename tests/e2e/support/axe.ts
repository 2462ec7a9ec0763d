import AxeBuilder from "@axe-core/playwright";
import { expect, type Page } from "@playwright/test";
import type { Result } from "axe-core";

/**
 * Accessibility scans with axe-core, the rules engine behind browser accessibility checkers: WCAG 2.0 and
 * 2.1 at levels A and AA, plus axe's best practices. No rule is disabled; a scan passes with zero violations.
 */

export const axeTags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] as const;

/**
 * The rules whose outcome depends on colour. The dark scheme only swaps the palette's custom properties
 * (src/app/globals.css): structure, names and roles are the light scan's, so the dark scan runs these alone,
 * which halves its cost on a page of cards.
 */
export const colourRules = ["color-contrast", "link-in-text-block"] as const;

export type ColorScheme = "light" | "dark";
export const colorSchemes: readonly ColorScheme[] = ["light", "dark"];

/** One line per rule and one per offending element, with axe's own explanation of what fails. */
export function formatAxeViolations(violations: readonly Result[]): string {
  if (violations.length === 0) return "no violations";
  const count = violations.reduce((sum, violation) => sum + violation.nodes.length, 0);
  const lines = [`${violations.length} rule(s) violated on ${count} element(s):`];
  for (const violation of violations) {
    lines.push(
      "",
      `[${violation.impact ?? "unknown"}] ${violation.id}: ${violation.help} (${violation.nodes.length})`,
      `  ${violation.helpUrl}`,
    );
    for (const node of violation.nodes) {
      lines.push(`  - ${node.target.join(" ")}`, `    ${node.html.slice(0, 200)}`);
      const summary = node.failureSummary?.split("\n").map((line) => `      ${line.trim()}`);
      if (summary) lines.push(...summary);
    }
  }
  return lines.join("\n");
}

/**
 * The page's violations in the given colour scheme, which the page is left in: every rule of `axeTags` in
 * light, the colour rules in dark.
 */
export async function scanAccessibility(page: Page, { scheme }: { scheme: ColorScheme }): Promise<Result[]> {
  await page.emulateMedia({ colorScheme: scheme });
  // The scheme switch restyles the page; let a frame pass so axe measures the colours as painted.
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        requestAnimationFrame(() => {
          requestAnimationFrame(() => {
            resolve();
          });
        });
      }),
  );
  const builder = new AxeBuilder({ page });
  const results = await (
    scheme === "light" ? builder.withTags([...axeTags]) : builder.withRules([...colourRules])
  ).analyze();
  return results.violations;
}

/**
 * Fails with every violation spelled out, naming the state and the colour scheme scanned. The failure is
 * soft: the test goes on, so one run reports every state and scheme that fails, not only the first.
 */
export async function expectNoAxeViolations(
  page: Page,
  { scheme, state }: { scheme: ColorScheme; state?: string },
): Promise<void> {
  const violations = await scanAccessibility(page, { scheme });
  const where = `${state ?? page.url()} (${scheme} colour scheme)`;
  expect
    .soft(
      violations.map((violation) => violation.id),
      `axe violations on ${where}:\n${formatAxeViolations(violations)}`,
    )
    .toEqual([]);
}

/** Scans the page as it is in the light and then the dark colour scheme, and leaves it in light. */
export async function expectNoAxeViolationsInEitherScheme(page: Page, state: string): Promise<void> {
  for (const scheme of colorSchemes) await expectNoAxeViolations(page, { scheme, state });
  await page.emulateMedia({ colorScheme: "light" });
}
