import type { CliDeps } from "./cli-deps";
import { exitCodes, type ExitCode } from "./cli-error";
import { toCliError } from "./client-errors";
import { formatProfile } from "./format";
import { mergeProfile, profileOptionNames, type ProfileSetOptions } from "./parse-options";

type Context = { deps: CliDeps; baseUrl: string; json: boolean };

export async function runProfileShow({ deps, baseUrl, json }: Context): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const profile = await client.profile.get.query().catch((error: unknown) => {
    throw toCliError(error, { baseUrl });
  });
  if (json) deps.stdout.write(JSON.stringify(profile, null, 2) + "\n");
  else if (profile === null)
    deps.stdout.write(
      "No profile saved yet. Set one with: scout profile set --lang <language> --level <level>\n",
    );
  else deps.stdout.write(formatProfile(profile));
  return exitCodes.ok;
}

/** Replaces the given fields of the saved profile and keeps the others (the API saves whole profiles). */
export async function runProfileSet({
  deps,
  baseUrl,
  json,
  flags,
}: Context & { flags: ProfileSetOptions }): Promise<ExitCode> {
  const client = deps.createClient(baseUrl);
  const context = { baseUrl, optionNames: profileOptionNames };
  try {
    const current = await client.profile.get.query();
    const saved = await client.profile.save.mutate(mergeProfile(current, flags));
    if (json) deps.stdout.write(JSON.stringify(saved, null, 2) + "\n");
    else deps.stdout.write(`Saved the profile.\n${formatProfile(saved)}`);
    return exitCodes.ok;
  } catch (error) {
    throw toCliError(error, context);
  }
}
