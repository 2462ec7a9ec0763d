import { Command, CommanderError, InvalidArgumentError, Option } from "commander";
import { skillLevels } from "@/shared/profile";
import type { CliDeps } from "./cli-deps";
import { CliError, exitCodes, usageError, type ExitCode } from "./cli-error";
import { exportFormats, runExport, type ExportFormat } from "./export-command";
import { collectValues, type ProfileSetOptions, type SearchCommandOptions } from "./parse-options";
import { runProfileSet, runProfileShow } from "./profile-command";
import { runRunsList, runShow } from "./run-commands";
import type { WatchAddOptions } from "./parse-watch-options";
import { runSearchCommand } from "./search-command";
import { runWatchAdd, runWatchList, runWatchRemove, runWatchRun, runWatchShow } from "./watch-commands";

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

/** The options `scout search` reads its filters from; `scout watch add` takes the same ones. */
function addSearchFilterOptions(command: Command): Command {
  return command
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
    .option("--require-starter-issues", "only analyze repositories with an unclaimed starter issue");
}

const scheduleHelp = `
Schedules (exactly one for \`scout watch add\`; the hour is read in --tz, by default this machine's time
zone, and no watch runs more often than once an hour):
  --daily <hour>           every day at that hour, 0 to 23
                             scout watch add "Rust CLIs" --lang Rust --topic cli --daily 9
  --weekly <weekday@hour>  every week on that day at that hour
                             scout watch add "Go on Mondays" --lang Go --weekly monday@18 --tz Europe/Berlin
  --cron "<expression>"    a cron expression: minute hour day-of-month month weekday
                             scout watch add "Weekday mornings" --lang Python --cron "0 9 * * 1-5"

A run that finds something new leaves a digest in the watch's Atom feed (\`scout watch show <id>\` prints
its address) and, with --email, in a mail.`;

function addWatchCommands(program: Command, deps: CliDeps, setExitCode: (code: ExitCode) => void): void {
  const watch = program
    .command("watch")
    .description("saved searches that re-run on a schedule and report what is new")
    .addHelpText("after", scheduleHelp);
  addSearchFilterOptions(
    watch
      .command("add")
      .description("save a search (the options of scout search) to re-run on a schedule")
      .argument("<name>", "what to call the watch"),
  )
    .option("--daily <hour>", "run every day at this hour (0-23), e.g. 9")
    .option("--weekly <weekday@hour>", "run every week on this day at this hour, e.g. monday@9")
    .option("--cron <expression>", 'run on this cron expression, e.g. "0 9 * * 1-5"')
    .option("--tz <zone>", "IANA time zone the hour or cron expression is read in", deps.timeZone)
    .option("--email <address>", "also mail each digest to this address (default: the feed only)")
    .option("--json", "print the saved watch, with its feedUrl, as JSON")
    .addHelpText("after", scheduleHelp)
    .action(async (name: string, flags: WatchAddOptions & { json?: boolean }, command: Command) => {
      setExitCode(
        await runWatchAdd({ deps, baseUrl: baseUrlOf(command), json: flags.json === true, name, flags }),
      );
    });
  watch
    .command("list")
    .description("list the watches: schedule, next run, last run, health")
    .option("--json", "print the watches as JSON")
    .action(async (flags: { json?: boolean }, command: Command) => {
      setExitCode(await runWatchList({ deps, baseUrl: baseUrlOf(command), json: flags.json === true }));
    });
  watch
    .command("show")
    .description("show one watch, with the address of its digest feed")
    .argument("<id>", "the watch, as `scout watch list` lists it")
    .option("--json", "print the watch, with its feedUrl, as JSON")
    .action(async (watchId: string, flags: { json?: boolean }, command: Command) => {
      setExitCode(
        await runWatchShow({ deps, baseUrl: baseUrlOf(command), json: flags.json === true, watchId }),
      );
    });
  watch
    .command("rm")
    .description("delete a watch with its feed and digests (its runs stay in `scout runs`)")
    .argument("<id>", "the watch, as `scout watch list` lists it")
    .action(async (watchId: string, _flags: unknown, command: Command) => {
      setExitCode(await runWatchRemove({ deps, baseUrl: baseUrlOf(command), watchId }));
    });
  watch
    .command("run")
    .description("run a watch now, show its progress and the ranked repositories")
    .argument("<id>", "the watch, as `scout watch list` lists it")
    .option("--json", "print only the final ScoutSearchResult as JSON on stdout")
    .action(async (watchId: string, flags: { json?: boolean }, command: Command) => {
      setExitCode(
        await runWatchRun({ deps, baseUrl: baseUrlOf(command), json: flags.json === true, watchId }),
      );
    });
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

  addSearchFilterOptions(
    program.command("search").description("run a search, show its progress and the ranked repositories"),
  )
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

  addWatchCommands(program, deps, setExitCode);

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
