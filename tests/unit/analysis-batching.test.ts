import { describe, expect, it } from "vitest";

import { pushable } from "it-pushable";

import { runBatches, splitIntoBatches, type BatchOutcome } from "@/server/pipeline/run-batches";

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

  it("yields the partial values a batch emits in arrival order, interleaved with final outcomes", async () => {
    const gates = [defer<undefined>(), defer<undefined>(), defer<undefined>()];
    const emitted: { index: number; emit: (partial: string) => void }[] = [];
    const emitterReady = defer<undefined>();
    const generator = runBatches<number, string, string>({
      items: [1, 2, 3, 4],
      batchSize: 2,
      concurrency: 2,
      timeoutMs: 5_000,
      run: async (batch, { index, emit }) => {
        emitted.push({ index, emit });
        if (emitted.length === 2) emitterReady.resolve(undefined);
        await gates[index]?.promise;
        return `done:${batch.join(",")}`;
      },
    });
    const first = generator.next();
    await emitterReady.promise;
    const [zero, one] = [...emitted].sort((a, b) => a.index - b.index);
    one?.emit("b1");
    expect((await first).value).toEqual({ index: 1, items: [3, 4], status: "partial", value: "b1" });
    zero?.emit("a1");
    one?.emit("b2");
    zero?.emit("a2");
    gates[0]?.resolve(undefined);
    const rest: BatchOutcome<number, string, string>[] = [];
    for (;;) {
      const next = await generator.next();
      if (next.done) break;
      rest.push(next.value);
      if (rest.length === 4) gates[1]?.resolve(undefined);
    }
    expect(
      rest.map((outcome) => [outcome.index, outcome.status, "value" in outcome ? outcome.value : null]),
    ).toEqual([
      [0, "partial", "a1"],
      [1, "partial", "b2"],
      [0, "partial", "a2"],
      [0, "ok", "done:1,2"],
      [1, "ok", "done:3,4"],
    ]);
  });

  it("keeps the partials a timed-out batch emitted before its deadline and drops those after it", async () => {
    const late = defer<undefined>();
    const outcomes = await collect(
      runBatches<string, string, string>({
        items: ["slow"],
        batchSize: 1,
        concurrency: 1,
        timeoutMs: 50,
        run: (_batch, { signal, emit }) => {
          emit("before the deadline");
          return new Promise<string>((_resolve, reject) => {
            signal.addEventListener(
              "abort",
              () => {
                emit("after the deadline");
                late.resolve(undefined);
                reject(signal.reason as Error);
              },
              { once: true },
            );
          });
        },
      }),
    );
    await late.promise;
    expect(
      outcomes.map((outcome) => [outcome.status, outcome.status === "partial" ? outcome.value : null]),
    ).toEqual([
      ["partial", "before the deadline"],
      ["timed-out", null],
    ]);
  });

  it("drops partials emitted after an outer abort, keeping those yielded before it", async () => {
    const controller = new AbortController();
    const seen: BatchOutcome<number, string, string>[] = [];
    let emitLater: ((partial: string) => void) | undefined;
    const consuming = (async () => {
      for await (const outcome of runBatches<number, string, string>({
        items: [1],
        batchSize: 1,
        concurrency: 1,
        timeoutMs: 5_000,
        signal: controller.signal,
        run: (_batch, { signal, emit }) => {
          emitLater = emit;
          emit("kept");
          return new Promise<string>((_resolve, reject) => {
            signal.addEventListener(
              "abort",
              () => {
                reject(signal.reason as Error);
              },
              { once: true },
            );
          });
        },
      })) {
        seen.push(outcome);
        if (outcome.status === "partial" && outcome.value === "kept") {
          controller.abort(new DOMException("cancelled by the user", "AbortError"));
          emitLater?.("dropped");
        }
      }
    })();
    await expect(consuming).rejects.toMatchObject({ name: "AbortError" });
    expect(seen).toEqual([{ index: 0, items: [1], status: "partial", value: "kept" }]);
  });
});

describe("runBatches with batches that arrive over time", () => {
  it("starts each batch as it arrives, while later ones are not known yet, and ends after the last", async () => {
    const control = controlledRun();
    const arrivals = pushable<number[]>({ objectMode: true });
    const generator = runBatches({ batches: arrivals, concurrency: 2, timeoutMs: 5_000, run: control.run });
    const first = generator.next();

    arrivals.push([1, 2]);
    await control.waitForStarted(1);
    control.gate(0).resolve("a");
    expect(await first).toMatchObject({ value: { status: "ok", value: "a:1,2" } });

    const second = generator.next();
    arrivals.push([3]);
    await control.waitForStarted(2);
    control.gate(1).resolve("b");
    expect(await second).toMatchObject({ value: { status: "ok", value: "b:3" } });

    // Nothing in flight, but more may come: the generator waits for the input to end.
    const end = generator.next();
    arrivals.end();
    expect(await end).toEqual({ done: true, value: undefined });
  });

  it("throws the outer abort's reason even while waiting for the next batch to arrive", async () => {
    const control = controlledRun();
    const arrivals = pushable<number[]>({ objectMode: true });
    const outer = new AbortController();
    const generator = runBatches({
      batches: arrivals,
      concurrency: 2,
      timeoutMs: 5_000,
      signal: outer.signal,
      run: control.run,
    });
    const next = generator.next();
    outer.abort(new Error("cancelled"));
    await expect(next).rejects.toThrow("cancelled");
    arrivals.end();
  });
});
