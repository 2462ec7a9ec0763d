import { existsSync } from "node:fs";

/**
 * Playwright cannot download its own browser here, so the suite drives Debian's Chromium. Users with
 * internet may instead run `npx playwright install chromium`; then Playwright's own build is used.
 */
/**
 * The headless shell comes first: it is Chromium's lighter headless build (what Playwright's own downloads use
 * for headless runs), and on two cores it takes the suite from about 6 minutes to about 5.
 */
const systemChromiumPaths = [
  "/usr/bin/chromium-headless-shell",
  "/usr/bin/chromium",
  "/usr/bin/chromium-browser",
  "/usr/bin/google-chrome",
];

export function findSystemChromium(preferred?: string): string | undefined {
  return [preferred, ...systemChromiumPaths].find(
    (candidate): candidate is string => !!candidate && existsSync(candidate),
  );
}

// Without the background-networking flags Chromium keeps dialling Google's hosts on a closed network.
export const chromiumArgs = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];
