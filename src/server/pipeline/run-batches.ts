import pLimit from "p-limit";

/**
 * Batching for the analyze phase: split the candidates, run at most `concurrency` batches at once, each
 * with its own timeout, and hand every batch's outcome to the consumer the moment it is known, so the
 * orchestrator can save and stream results while slower batches are still running. A batch here is an
 * analysis batch (one analyzer call), not a details group (one GitHub query, candidate-feed.ts).
 */

/** A batch's final outcome: exactly one per batch that started. */
export type BatchFinalOutcome<TItem, TValue> =
  | { index: number; items: TItem[]; status: "ok"; value: TValue }
  | { index: number; items: TItem[]; status: "failed" | "timed-out"; error: unknown };

/**
 * Either a piece of a batch's work that `run` emitted while the batch was still running ("partial", any
 * number per batch, always before that batch's final outcome), or the batch's final outcome.
 */
export type BatchOutcome<TItem, TValue, TPartial = never> = [TPartial] extends [never]
  ? // A run that emits nothing: its callers need not handle "partial".
    BatchFinalOutcome<TItem, TValue>
  : BatchFinalOutcome<TItem, TValue> | BatchPartialOutcome<TItem, TPartial>;

export type BatchPartialOutcome<TItem, TPartial> = {
  index: number;
  items: TItem[];
  status: "partial";
  value: TPartial;
};

export type RunBatchContext<TPartial> = {
  signal: AbortSignal;
  index: number;
  /**
   * Hands a piece of the batch's work to the consumer at once. Ignored once the batch's signal has
   * aborted: the batch's outcome is then already decided.
   */
  emit: (partial: TPartial) => void;
};

export type RunBatchesOptions<TItem, TValue, TPartial = never> = (
  | { items: readonly TItem[]; batchSize: number }
  /** Batches that become ready over time: each starts as soon as it arrives and a slot is free. */
  | { batches: AsyncIterable<TItem[]> }
) & {
  concurrency: number;
  /** Per batch, from the moment it starts (queue time does not count). */
  timeoutMs: number;
  /** Aborting it stops scheduling, aborts the batches in flight, and makes the generator throw its reason. */
  signal?: AbortSignal;
  /**
   * Must honour `signal`: it fires on the batch's timeout and on the outer abort. The timeout is enforced
   * here alone; `run` needs no deadline of its own.
   */
  run: (batch: TItem[], context: RunBatchContext<TPartial>) => Promise<TValue>;
};

/** Splits items into consecutive batches of `size` (the last one may be smaller). */
export function splitIntoBatches<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1)
    throw new RangeError(`Batch size must be a positive integer, got ${size}`);
  const batches: T[][] = [];
  for (let start = 0; start < items.length; start += size) batches.push(items.slice(start, start + size));
  return batches;
}

/** Resolves when the signal aborts; never rejects, so it can race a batch without unhandled rejections. */
function whenAborted(signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    signal.addEventListener(
      "abort",
      () => {
        resolve();
      },
      { once: true },
    );
  });
}

/**
 * Runs the batches and yields each outcome in completion order, with the partial values the batches emit
 * interleaved in arrival order. A batch that throws is yielded as
 * "failed" ("timed-out" when its timeout fired), and the others go on. Stopping the iteration early
 * (break/return) aborts the batches still running. After an outer abort, only outcomes that were already
 * complete when it fired are still yielded (their work is done and worth keeping); the generator then waits
 * for the aborted batches to settle, so no work outlives it, and throws the abort reason. With `batches`, it
 * ends once that iterable has ended and every batch has.
 */
export async function* runBatches<TItem, TValue, TPartial = never>(
  options: RunBatchesOptions<TItem, TValue, TPartial>,
): AsyncGenerator<BatchOutcome<TItem, TValue, TPartial>, void, undefined> {
  const { concurrency, timeoutMs, signal, run } = options;
  const input: AsyncIterable<TItem[]> | TItem[][] =
    "batches" in options ? options.batches : splitIntoBatches(options.items, options.batchSize);
  const limit = pLimit(concurrency);
  // Aborted when the consumer stops early or the outer signal fires: queued batches then never start.
  const stop = new AbortController();
  const outerSignal = signal ?? new AbortController().signal;
  const finished: BatchOutcome<TItem, TValue, TPartial>[] = [];
  // Outcomes arriving after an outer abort belong to batches the abort cut short: they are not reported.
  let acceptingOutcomes = true;
  let wakeConsumer: (() => void) | undefined;
  const notify = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };

  const onOuterAbort = () => {
    acceptingOutcomes = false;
    stop.abort(outerSignal.reason);
    notify();
  };
  if (outerSignal.aborted) onOuterAbort();
  else outerSignal.addEventListener("abort", onOuterAbort, { once: true });

  async function runOne(
    batch: TItem[],
    index: number,
  ): Promise<BatchFinalOutcome<TItem, TValue> | undefined> {
    if (stop.signal.aborted) return undefined;
    const timeoutSignal = AbortSignal.timeout(timeoutMs);
    const batchSignal = AbortSignal.any([stop.signal, timeoutSignal]);
    const emit = (partial: TPartial) => {
      // A piece arriving after the deadline or the abort belongs to a batch whose outcome is decided.
      if (batchSignal.aborted || !acceptingOutcomes) return;
      const outcome: BatchPartialOutcome<TItem, TPartial> = {
        index,
        items: batch,
        status: "partial",
        value: partial,
      };
      // Only reachable when TPartial is not never, where BatchOutcome includes the partial shape.
      finished.push(outcome as BatchOutcome<TItem, TValue, TPartial>);
      notify();
    };
    try {
      // The race frees the slot the moment the batch is aborted, even if `run` is slow to notice.
      const value = await Promise.race([
        run(batch, { signal: batchSignal, index, emit }),
        whenAborted(batchSignal).then(() => {
          throw batchSignal.reason;
        }),
      ]);
      return { index, items: batch, status: "ok", value };
    } catch (error) {
      // Timed out only when this batch's own deadline is what stopped it: this is the one analysis timeout,
      // and an error that merely looks like a timeout is a failure like any other.
      const timedOut = timeoutSignal.aborted && batchSignal.reason === timeoutSignal.reason;
      return { index, items: batch, status: timedOut ? "timed-out" : "failed", error };
    }
  }

  let pending = 0;
  const tasks: Promise<void>[] = [];
  let inputEnded = false;
  let inputFailure: { error: unknown } | undefined;
  let scheduled = 0;
  const schedule = (batch: TItem[]) => {
    if (batch.length === 0) return;
    const index = scheduled++;
    pending += 1;
    tasks.push(
      limit(() => runOne(batch, index)).then((outcome) => {
        pending -= 1;
        if (outcome !== undefined && acceptingOutcomes) finished.push(outcome);
        notify();
      }),
    );
  };
  // Batches known up front are all queued at once; batches that arrive over time are queued as they arrive,
  // and the consumer below only ever waits for outcomes.
  let reading: Promise<void> = Promise.resolve();
  if (Array.isArray(input)) {
    for (const batch of input) schedule(batch);
    inputEnded = true;
  } else {
    reading = (async () => {
      try {
        for await (const batch of input) {
          if (stop.signal.aborted) break;
          schedule(batch);
        }
      } catch (error) {
        inputFailure = { error };
      } finally {
        inputEnded = true;
        notify();
      }
    })();
  }

  try {
    for (;;) {
      const next = finished.shift();
      if (next !== undefined) {
        yield next;
        continue;
      }
      if (inputFailure !== undefined || outerSignal.aborted || (inputEnded && pending === 0)) break;
      await new Promise<void>((resolve) => {
        wakeConsumer = resolve;
      });
    }
  } finally {
    outerSignal.removeEventListener("abort", onOuterAbort);
    // Early exit by the consumer, or outer abort: cancel what is running and let it settle. An input that
    // has not ended is not waited for: it stops scheduling once `stop` has fired.
    if (pending > 0 || !inputEnded)
      stop.abort(outerSignal.aborted ? outerSignal.reason : new Error("Batch consumer stopped"));
    await Promise.allSettled(tasks);
    if (inputEnded) await reading;
  }
  outerSignal.throwIfAborted();
  if (inputFailure !== undefined) throw inputFailure.error;
}
