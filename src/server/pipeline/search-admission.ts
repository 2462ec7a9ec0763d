/**
 * Starting a search checks the running searches (one per client, a cap for the server) and then records the
 * new run; two requests must not both pass the check before either is recorded. The admission lock makes the
 * check and the write one step: a mutex in one process (the embedded default), a PostgreSQL advisory lock
 * across the hosted mode's instances (src/server/hosted/advisory-admission.ts).
 */
export type SearchAdmission = {
  withLock: <T>(admit: () => Promise<T>) => Promise<T>;
};

export function createInProcessAdmission(): SearchAdmission {
  let tail: Promise<unknown> = Promise.resolve();
  return {
    withLock(admit) {
      const turn = tail.then(admit, admit);
      // The next admission waits for this one, whatever its outcome.
      tail = turn.catch(() => undefined);
      return turn;
    },
  };
}
