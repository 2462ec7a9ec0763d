import { inspect } from "node:util";

export type Logger = {
  error: (message: string, details?: unknown) => void;
  warn: (message: string, details?: unknown) => void;
};

function redactorOf(secrets: readonly (string | undefined)[]): (text: string) => string {
  const hidden = secrets.filter((secret): secret is string => !!secret && secret.length >= 4);
  return (text) => hidden.reduce((result, secret) => result.split(secret).join("[REDACTED]"), text);
}

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
  const redact = redactorOf(secrets);
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

/**
 * The logger with more secrets blanked out, for work done with a secret the process learns later (a person's
 * own GitHub token): details are rendered to text here, so the secret is gone before the logger sees them.
 */
export function redactingAlso(logger: Logger, secrets: readonly string[]): Logger {
  const redact = redactorOf(secrets);
  const render = (details: unknown) =>
    details === undefined
      ? undefined
      : redact(typeof details === "string" ? details : inspect(details, { depth: 4 }));
  return {
    error: (message, details) => {
      logger.error(redact(message), render(details));
    },
    warn: (message, details) => {
      logger.warn(redact(message), render(details));
    },
  };
}
