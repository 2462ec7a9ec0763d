import { EnvError, getEnv, type Env } from "../../src/env";

/** The validated environment for a script; an invalid one ends the process with the message naming it. */
export function loadEnvOrExit(): Env {
  try {
    return getEnv();
  } catch (error) {
    if (!(error instanceof EnvError)) throw error;
    console.error(error.message);
    process.exit(1);
  }
}
