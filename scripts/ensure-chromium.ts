import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chromium } from "@playwright/test";
import { findSystemChromium } from "../tests/e2e/support/chromium";

/** Makes sure the end-to-end tests have a browser before they start, installing Debian's when it can. */

function playwrightChromiumExists(): boolean {
  try {
    return existsSync(chromium.executablePath());
  } catch {
    return false;
  }
}

function canInstallWithApt(): boolean {
  return process.getuid?.() === 0 && spawnSync("which", ["apt-get"]).status === 0;
}

if (findSystemChromium() || playwrightChromiumExists()) process.exit(0);

if (!canInstallWithApt()) {
  console.error(
    "No Chromium for the end-to-end tests: install Debian's (`sudo apt-get install -y chromium-headless-shell`) or Playwright's (`npx playwright install chromium`).",
  );
  process.exit(1);
}

console.log(
  "No Chromium found: installing Debian's chromium-headless-shell package with apt-get (about a minute, once)…",
);
try {
  execFileSync("apt-get", ["update"], { stdio: "inherit" });
  execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium-headless-shell"], {
    stdio: "inherit",
  });
} catch {
  console.error(
    "Installing Chromium with apt-get failed; install it by hand: `apt-get install -y chromium-headless-shell`.",
  );
  process.exit(1);
}
if (!findSystemChromium()) {
  console.error("apt-get finished but no Chromium is in /usr/bin; install chromium-headless-shell by hand.");
  process.exit(1);
}
console.log("Chromium installed.");
