import { describe, expect, it } from "vitest";

import { runBatches, splitIntoBatches, type BatchOutcome } from "@/server/analysis/batching";

type Deferred<T> = { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void };

function defer<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A run whose batches finish only when the test says so, and that rejects when its signal aborts. */
function controlledRun() {
  const gates = new Map<number, Deferred<string>>();
  const started: number[] = [];
  const aborted: number[] = [];
  let active = 0;
  let peak = 0;
  const startedWaiters: { count: number; resolve: () => void }[] = [];
  const gate = (index: number) => {
    let existing = gates.get(index);
    if (!existing) {
      existing = defer<string>();
      gates.set(index, existing);
    }
    return existing;
  };
  const run = async (batch: number[], { signal, index }: { signal: AbortSignal; index: number }) => {
    started.push(index);
    active += 1;
    peak = Math.max(peak, active);
    for (const waiter of startedWaiters.filter((w) => started.length >= w.count)) waiter.resolve();
    const onAbort = () => {
      aborted.push(index);
      gate(index).reject(signal.reason);
    };
    signal.addEventListener("abort", onAbort, { once: true });
    try {
      return `${await gate(index).promise}:${batch.join(",")}`;
    } finally {
      active -= 1;
      signal.removeEventListener("abort", onAbort);
    }
  };
  const waitForStarted = (count: number) =>
    new Promise<void>((resolve) => {
      if (started.length >= count) resolve();
      else startedWaiters.push({ count, resolve });
    });
  return { run, gate, started, aborted, waitForStarted, peak: () => peak };
}

async function collect<T>(generator: AsyncGenerator<T>): Promise<T[]> {
  const seen: T[] = [];
  for await (const value of generator) seen.push(value);
  return seen;
}

describe("splitIntoBatches", () => {
  it("cuts the items into consecutive batches, the last one smaller", () => {
    expect(splitIntoBatches([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 4)).toEqual([
      [1, 2, 3, 4],
      [5, 6, 7, 8],
      [9, 10],
    ]);
    expect(splitIntoBatches([], 8)).toEqual([]);
  });

  it("refuses a batch size that is not a positive integer", () => {
    expect(() => splitIntoBatches([1], 0)).toThrow(RangeError);
    expect(() => splitIntoBatches([1], 2.5)).toThrow(RangeError);
  });
});

describe("runBatches", () => {
  it("yields each batch as soon as it finishes, in completion order", async () => {
    const control = controlledRun();
    const generator = runBatches({
      items: [1, 2, 3, 4, 5, 6],
      batchSize: 2,
      concurrency: 3,
      timeoutMs: 5_000,
      run: control.run,
    });
    const first = generator.next();
    await control.waitForStarted(3);
    control.gate(2).resolve("c");
    expect((await first).value).toMatchObject({ index: 2, status: "ok", items: [5, 6], value: "c:5,6" });
    control.gate(0).resolve("a");
    expect((await generator.next()).value).toMatchObject({ index: 0, status: "ok", value: "a:1,2" });
    control.gate(1).resolve("b");
    expect((await generator.next()).value).toMatchObject({ index: 1, status: "ok", value: "b:3,4" });
    expect((await generator.next()).done).toBe(true);
  });

  it("never runs more batches at once than the concurrency allows", async () => {
    const control = controlledRun();
    const outcomes = collect(
      runBatches({
        items: Array.from({ length: 10 }, (_, i) => i),
        batchSize: 2,
        concurrency: 2,
        timeoutMs: 5_000,
        run: control.run,
      }),
    );
    for (let index = 0; index < 5; index += 1) {
      await control.waitForStarted(index + 1);
      control.gate(index).resolve(`batch${index}`);
    }
    expect((await outcomes).map((outcome) => outcome.status)).toEqual(["ok", "ok", "ok", "ok", "ok"]);
    expect(control.peak()).toBe(2);
  });

  it("reports a failing batch as failed and keeps going with the others", async () => {
    const outcomes = await collect(
      runBatches({
        items: [1, 2, 3],
        batchSize: 1,
        concurrency: 3,
        timeoutMs: 5_000,
        run: (batch) => (batch[0] === 2 ? Promise.reject(new Error("boom")) : Promise.resolve(batch[0])),
      }),
    );
    const failed = outcomes.find((outcome) => outcome.status === "failed");
    expect(failed).toMatchObject({ index: 1, items: [2], status: "failed" });
    expect(outcomes.filter((outcome) => outcome.status === "ok")).toHaveLength(2);
  });

  it("marks a batch that outlives its timeout as timed out, even if it ignores its signal", async () => {
    const started = Date.now();
    const outcomes = await collect(
      runBatches({
        items: ["slow", "fast"],
        batchSize: 1,
        concurrency: 2,
        timeoutMs: 50,
        run: (batch) => (batch[0] === "slow" ? new Promise<string>(() => {}) : Promise.resolve("done")),
      }),
    );
    expect(outcomes.map((outcome) => [outcome.items[0], outcome.status])).toEqual([
      ["fast", "ok"],
      ["slow", "timed-out"],
    ]);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it("owns the only deadline: a batch failing with its own timeout error, well before it, has failed", async () => {
    const [outcome] = await collect(
      runBatches({
        items: [1],
        batchSize: 1,
        concurrency: 1,
        timeoutMs: 5_000,
        run: () => Promise.reject(new DOMException("took too long", "TimeoutError")),
      }),
    );
    expect(outcome?.status).toBe("failed");
  });

  it("on outer abort, aborts the batches in flight, starts no more, yields nothing more and throws", async () => {
    const control = controlledRun();
    const controller = new AbortController();
    const seen: BatchOutcome<number, string>[] = [];
    const consuming = (async () => {
      for await (const outcome of runBatches({
        items: [1, 2, 3, 4, 5, 6, 7, 8],
        batchSize: 2,
        concurrency: 2,
        timeoutMs: 5_000,
        signal: controller.signal,
        run: control.run,
      })) {
        seen.push(outcome);
      }
    })();
    await control.waitForStarted(2);
    control.gate(0).resolve("first");
    await control.waitForStarted(3);
    controller.abort(new DOMException("cancelled by the user", "AbortError"));
    await expect(consuming).rejects.toMatchObject({ name: "AbortError" });
    expect(control.aborted.sort()).toEqual([1, 2]);
    expect(control.started).toEqual([0, 1, 2]);
    expect(seen.map((outcome) => outcome.index)).toEqual([0]);
  });

  it("starts nothing when the signal is already aborted", async () => {
    const control = controlledRun();
    const controller = new AbortController();
    controller.abort();
    await expect(
      collect(
        runBatches({
          items: [1, 2],
          batchSize: 1,
          concurrency: 2,
          timeoutMs: 5_000,
          signal: controller.signal,
          run: control.run,
        }),
      ),
    ).rejects.toMatchObject({ name: "AbortError" });
    expect(control.started).toEqual([]);
  });

  it("aborts the batches still running when the consumer stops early", async () => {
    const control = controlledRun();
    const generator = runBatches({
      items: [1, 2, 3],
      batchSize: 1,
      concurrency: 3,
      timeoutMs: 5_000,
      run: control.run,
    });
    const first = generator.next();
    await control.waitForStarted(3);
    control.gate(1).resolve("x");
    expect((await first).value).toMatchObject({ index: 1 });
    await generator.return(undefined);
    expect(control.aborted.sort()).toEqual([0, 2]);
  });
});
