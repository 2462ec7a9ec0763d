import { inspect } from "node:util";

export type Logger = {
  error: (message: string, details?: unknown) => void;
  warn: (message: string, details?: unknown) => void;
};

/**
 * A console logger that blanks out the given secrets wherever they appear, including inside error
 * objects and their causes: an upstream error may quote the request that carried a token.
 */
export function createRedactingLogger({
  secrets,
  write = console.error,
}: {
  secrets: readonly (string | undefined)[];
  write?: (line: string) => void;
}): Logger {
  const hidden = secrets.filter((secret): secret is string => !!secret && secret.length >= 4);
  const redact = (text: string) =>
    hidden.reduce((result, secret) => result.split(secret).join("[REDACTED]"), text);
  const format = (level: string, message: string, details: unknown) =>
    redact(
      `[scout] ${level}: ${message}${details === undefined ? "" : ` ${inspect(details, { depth: 4 })}`}`,
    );
  return {
    error: (message, details) => {
      write(format("error", message, details));
    },
    warn: (message, details) => {
      write(format("warn", message, details));
    },
  };
}
