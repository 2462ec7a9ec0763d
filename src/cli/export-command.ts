import type { CliDeps } from "./cli-deps";
import { CliError, exitCodes, usageError, type ExitCode } from "./cli-error";
import { signInNeededError, unreachableError } from "./client-errors";

export const exportFormats = ["md", "csv", "json"] as const;
export type ExportFormat = (typeof exportFormats)[number];

/** The route's own words for a refused request: `{ error: { message } }` (or a bare `{ error }` string). */
async function messageOf(response: Response): Promise<string | null> {
  const text = await response.text().catch(() => "");
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return null;
  }
  const error = typeof body === "object" && body !== null ? (body as { error?: unknown }).error : undefined;
  if (typeof error === "string" && error !== "") return error;
  const message =
    typeof error === "object" && error !== null ? (error as { message?: unknown }).message : undefined;
  return typeof message === "string" && message !== "" ? message : null;
}

/**
 * `scout export <runId>`: downloads the run through the export route (`GET /api/runs/{runId}/export`), as
 * the browser does, and writes the body unchanged to stdout or a file.
 */
export async function runExport(options: {
  deps: CliDeps;
  baseUrl: string;
  runId: string;
  format: ExportFormat;
  output?: string;
}): Promise<ExitCode> {
  const { deps, baseUrl, runId, format, output } = options;
  const url = new URL(`/api/runs/${encodeURIComponent(runId)}/export`, baseUrl);
  url.searchParams.set("format", format);
  const response = await deps.fetch(url).catch((error: unknown) => {
    throw unreachableError(baseUrl, error);
  });
  if (response.status === 401) throw signInNeededError(baseUrl);
  if (response.status === 404) throw usageError(`No run with id ${runId}. \`scout runs\` lists them.`);
  if (response.status === 400)
    throw usageError((await messageOf(response)) ?? `The server refused the export.`);
  if (!response.ok) {
    const message = (await messageOf(response)) ?? `HTTP ${response.status}`;
    throw new CliError(exitCodes.failure, `The export failed: ${message}`);
  }
  const body = new Uint8Array(await response.arrayBuffer());
  if (output === undefined) deps.stdout.write(body);
  else {
    await deps.writeFile(output, body).catch((error: unknown) => {
      throw new CliError(exitCodes.failure, `Cannot write ${output}: ${(error as Error).message}`);
    });
    deps.stderr.write(`Wrote run ${runId} as ${format} to ${output}.\n`);
  }
  return exitCodes.ok;
}
