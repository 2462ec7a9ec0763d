import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { skillLevels } from "@/shared/profile";
import type { CliDeps } from "./cli-deps";
import { CliError, exitCodes, usageError, type ExitCode } from "./cli-error";
import { exportFormats, runExport, type ExportFormat } from "./export-command";
import { collectValues, type ProfileSetOptions, type SearchCommandOptions } from "./parse-options";
import { runProfileSet, runProfileShow } from "./profile-command";
import { runRunsList, runShow } from "./run-commands";
import { runSearchCommand } from "./search-command";

export const DEFAULT_URL = "http://localhost:3000";

/** Commander puts its "Did you mean" hint on a second line; a usage error stays one line. */
function toOneLine(text: string): string {
  return text.trim().replace(/\s*\n\s*/g, " ") + "\n";
}

function parseLimit(value: string): number {
  const limit = Number(value);
  if (!Number.isInteger(limit) || limit < 1 || limit > 100)
    throw new InvalidArgumentError("It must be a whole number from 1 to 100.");
  return limit;
}

function baseUrlOf(command: Command): string {
  const { url } = command.optsWithGlobals<{ url: string }>();
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== "http:" && parsed.protocol !== "https:") throw new Error("not http");
  } catch {
    throw usageError(`--url must be an http(s) address such as ${DEFAULT_URL}, not "${url}"`);
  }
  return url;
}

function buildProgram(deps: CliDeps, setExitCode: (code: ExitCode) => void): Command {
  const program = new Command("scout")
    .description("Find open-source repositories worth contributing to, from a running GitHub Scout server.")
    .option("--url <url>", "address of the Scout server", DEFAULT_URL)
    // Set before the subcommands are added, which copy these settings.
    .exitOverride()
    .configureOutput({
      writeOut: (text) => deps.stdout.write(text),
      writeErr: (text) => deps.stderr.write(text),
      outputError: (text, write) => {
        write(toOneLine(text));
      },
    })
    .showSuggestionAfterError(true)
    .addHelpText(
      "after",
      "\nExit codes: 0 success, 1 other failure, 2 bad arguments or input, 3 server unreachable,\n4 the run failed or was cancelled.",
    );

  const profile = program.command("profile").description("show or change the developer profile");
  profile
    .command("show")
    .description("show the saved profile")
    .option("--json", "print the profile as JSON")
    .action(async (flags: { json?: boolean }, command: Command) => {
      setExitCode(await runProfileShow({ deps, baseUrl: baseUrlOf(command), json: flags.json === true }));
    });
  profile
    .command("set")
    .description("save the profile; options left out keep their saved values")
    .option("--lang <language>", "a language you write (repeat for more)", collectValues, [])
    .option("--topic <topic>", "a topic you care about (repeat for more)", collectValues, [])
    .addOption(new Option("--level <level>", "your skill level").choices(skillLevels))
    .option("--goals <text>", "what you want from contributing")
    .option("--json", "print the saved profile as JSON")
    .action(async (flags: ProfileSetOptions & { json?: boolean }, command: Command) => {
      setExitCode(
        await runProfileSet({ deps, baseUrl: baseUrlOf(command), json: flags.json === true, flags }),
      );
    });

  program
    .command("search")
    .description("run a search, show its progress and the ranked repositories")
    .option(
      "--lang <language>",
      "language to search (repeat for more; default: the profile's)",
      collectValues,
      [],
    )
    .option("--stars <range>", "star range such as 50..5000, 50.. or ..5000")
    .option("--topic <topic>", "required topic (repeat for more)", collectValues, [])
    .option("--since <date>", "pushed to on or after this day (YYYY-MM-DD)")
    .option("--license <keyword>", "GitHub license keyword, e.g. mit or apache-2.0")
    .option("--query <text>", "free text to search for")
    .option("--require-starter-issues", "only analyze repositories with an unclaimed starter issue")
    .option("--json", "print only the final ScoutSearchResult as JSON on stdout")
    .action(async (flags: SearchCommandOptions & { json?: boolean }, command: Command) => {
      setExitCode(await runSearchCommand({ deps, baseUrl: baseUrlOf(command), flags }));
    });

  program
    .command("runs")
    .description("list earlier searches, newest first")
    .option("--limit <n>", "how many (1..100)", parseLimit, 20)
    .option("--json", "print the page of run summaries as JSON")
    .action(async (flags: { limit: number; json?: boolean }, command: Command) => {
      setExitCode(
        await runRunsList({
          deps,
          baseUrl: baseUrlOf(command),
          json: flags.json === true,
          limit: flags.limit,
        }),
      );
    });

  program
    .command("show")
    .description("show one run's summary and ranked repositories")
    .argument("<runId>", "the run, as `scout runs` lists it")
    .option("--json", "print the ScoutSearchResult as JSON")
    .action(async (runId: string, flags: { json?: boolean }, command: Command) => {
      setExitCode(await runShow({ deps, baseUrl: baseUrlOf(command), json: flags.json === true, runId }));
    });

  program
    .command("export")
    .description("download a run as Markdown, CSV or JSON")
    .argument("<runId>", "the run, as `scout runs` lists it")
    .addOption(new Option("--format <format>", "file format").choices(exportFormats).default("md"))
    .option("--output <file>", "write to this file instead of stdout")
    .action(async (runId: string, flags: { format: ExportFormat; output?: string }, command: Command) => {
      setExitCode(
        await runExport({
          deps,
          baseUrl: baseUrlOf(command),
          runId,
          format: flags.format,
          output: flags.output,
        }),
      );
    });

  return program;
}

/**
 * Runs the `scout` command line (arguments after the program name) and returns its exit code. Expected
 * failures print one line to stderr; only a bug prints a stack trace.
 */
export async function runCli(argv: string[], deps: CliDeps): Promise<ExitCode> {
  let exitCode: ExitCode = exitCodes.ok;
  const program = buildProgram(deps, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help and version requested are successes; commander has already printed its one-line error.
      return error.code === "commander.helpDisplayed" || error.code === "commander.version"
        ? exitCodes.ok
        : exitCodes.usage;
    }
    if (error instanceof CliError) {
      deps.stderr.write(`error: ${error.message}\n`);
      return error.exitCode;
    }
    throw error;
  }
}
