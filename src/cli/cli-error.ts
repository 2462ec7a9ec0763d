/**
 * The exit codes scripts can rely on (README, "From the terminal"). Any other failure exits 1.
 */
export const exitCodes = {
  ok: 0,
  failure: 1,
  usage: 2,
  unreachable: 3,
  runNotFinished: 4,
} as const;
export type ExitCode = (typeof exitCodes)[keyof typeof exitCodes];

/** An expected way for a command to end: one line for the user on stderr, and an exit code; no stack. */
export class CliError extends Error {
  readonly exitCode: ExitCode;

  constructor(exitCode: ExitCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "CliError";
    this.exitCode = exitCode;
  }
}

export function usageError(message: string): CliError {
  return new CliError(exitCodes.usage, message);
}
