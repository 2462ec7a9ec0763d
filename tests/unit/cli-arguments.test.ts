import { describe, expect, it } from "vitest";
import { runCli } from "@/cli/program";
import { createCapturingCliDeps } from "../support/cli-deps";

/**
 * The `scout` command line refuses bad arguments before it contacts any server (the test deps have none):
 * exit 2 and one line naming the option, in the same words as the server's own validation.
 */
async function refusal(args: string[]) {
  const { deps, captured } = createCapturingCliDeps();
  const code = await runCli(args, deps);
  return { code, ...captured };
}

describe("scout's argument checks", () => {
  it.each([
    [
      ["search", "--lang", "Go", "--stars", "500..50"],
      "error: --stars: Maximum stars must be at least the minimum",
    ],
    [
      ["search", "--lang", "Go", "--stars", "lots"],
      "error: --stars must be a range such as 50..5000, 50.. or ..5000",
    ],
    [["search", "--lang", "Go", "--since", "2026-02-30"], "error: --since: Active since must be a real date"],
    [
      ["search", "--lang", "Go", "--since", "June"],
      "error: --since: Active since must be a date (YYYY-MM-DD)",
    ],
    [
      ["search", "--lang", "Go", "--license", "MIT license"],
      "error: --license: License must be a GitHub license keyword such as mit or apache-2.0",
    ],
    [
      ["search", "--lang", "Go", "--query", "z".repeat(501)],
      "error: --query: Search text must be at most 500 characters",
    ],
    [["search", "--lang", "Go", "--lnag", "Rust"], "error: unknown option '--lnag' (Did you mean --lang?)"],
    [["search", "extra"], "error: too many arguments for 'search'. Expected 0 arguments but got 1."],
    [
      ["profile", "set", "--level", "expert"],
      "error: option '--level <level>' argument 'expert' is invalid. Allowed choices are beginner, intermediate, advanced.",
    ],
    [["profile", "set", "--goals"], "error: option '--goals <text>' argument missing"],
    [["show"], "error: missing required argument 'runId'"],
    [
      ["runs", "--limit", "0"],
      "error: option '--limit <n>' argument '0' is invalid. It must be a whole number from 1 to 100.",
    ],
    [
      ["export", "run-1", "--format", "xml"],
      "error: option '--format <format>' argument 'xml' is invalid. Allowed choices are md, csv, json.",
    ],
    [
      ["runs", "--url", "ftp://example.test"],
      'error: --url must be an http(s) address such as http://localhost:3000, not "ftp://example.test"',
    ],
    [["serch"], "error: unknown command 'serch' (Did you mean search?)"],
    [
      ["watch", "add", "Go tools"],
      'error: Choose when the watch runs: --daily <hour>, --weekly <weekday@hour> or --cron "<expression>"',
    ],
    [
      ["watch", "add", "Go tools", "--daily", "9", "--cron", "0 9 * * *"],
      'error: A watch has one schedule, not --daily and --cron: --daily <hour>, --weekly <weekday@hour> or --cron "<expression>"',
    ],
    [["watch", "add", "Go tools", "--lang", "Go", "--daily", "25"], "error: --daily: Hour must be 0 to 23"],
    [
      ["watch", "add", "Go tools", "--lang", "Go", "--daily", "9:30"],
      "error: --daily takes an hour from 0 to 23, such as 9 or 18 (watches run on the hour)",
    ],
    [
      ["watch", "add", "Go tools", "--lang", "Go", "--weekly", "someday@9"],
      "error: --weekly: Weekday must be monday … sunday",
    ],
    [
      ["watch", "add", "Go tools", "--lang", "Go", "--weekly", "monday"],
      "error: --weekly takes a weekday and an hour joined by @, such as monday@9",
    ],
    [
      ["watch", "add", "Go tools", "--lang", "Go", "--daily", "9", "--email", "me-at-example"],
      "error: --email: Email must be an address such as you@example.com",
    ],
    [
      ["watch", "add", "Go tools", "--lang", "Go", "--stars", "500..50", "--daily", "9"],
      "error: --stars: Maximum stars must be at least the minimum",
    ],
    [["watch", "add", " ", "--lang", "Go", "--daily", "9"], "error: <name>: Give the watch a name"],
    [["watch", "rm"], "error: missing required argument 'id'"],
  ])("%j → exit 2: %s", async (args, message) => {
    expect(await refusal(args)).toEqual({ code: 2, stdout: "", stderr: `${message}\n` });
  });

  it("shows the usage on stderr with exit 2 when no command is given", async () => {
    const { code, stdout, stderr } = await refusal([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toMatch(/^Usage: scout \[options\] \[command\]/);
  });

  it("prints help on stdout with exit 0 when asked, listing the exit codes", async () => {
    const program = createCapturingCliDeps();
    expect(await runCli(["--help"], program.deps)).toBe(0);
    expect(program.captured.stdout).toContain("3 server unreachable");
    const search = createCapturingCliDeps();
    expect(await runCli(["search", "--help"], search.deps)).toBe(0);
    expect(search.captured.stdout).toContain("--stars <range>");
  });

  it("explains each schedule flag of scout watch with an example", async () => {
    const watch = createCapturingCliDeps();
    expect(await runCli(["watch", "--help"], watch.deps)).toBe(0);
    for (const example of [
      'scout watch add "Rust CLIs" --lang Rust --topic cli --daily 9',
      'scout watch add "Go on Mondays" --lang Go --weekly monday@18 --tz Europe/Berlin',
      'scout watch add "Weekday mornings" --lang Python --cron "0 9 * * 1-5"',
    ])
      expect(watch.captured.stdout).toContain(example);
    const add = createCapturingCliDeps();
    expect(await runCli(["watch", "add", "--help"], add.deps)).toBe(0);
    // The search options, and the machine's time zone as the default one.
    expect(add.captured.stdout).toContain("--stars <range>");
    expect(add.captured.stdout).toMatch(/--tz <zone>.*\(default: "UTC"\)/s);
  });
});
