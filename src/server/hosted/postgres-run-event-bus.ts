import { LocalRunListeners, type RunEventBus } from "@/server/pipeline/run-event-bus";
import { channels, type PostgresNotifier } from "./postgres-notifier";

/**
 * The run event bus across processes: a stored event is announced as "<runId> <seq>" (or "<runId> end"), and
 * this process's subscribers of that run read the rows. A reconnect of the listening connection makes every
 * subscriber read its log again, so a dropped connection delays events and loses none.
 */
export function createPostgresRunEventBus(notifier: PostgresNotifier): RunEventBus {
  const listeners = new LocalRunListeners();
  notifier.on(channels.runEvents, (payload) => {
    const [runId, what] = payload.split(" ");
    if (!runId || !what || !listeners.has(runId)) return;
    if (what === "end") listeners.notify(runId, { kind: "ended" });
    else if (/^\d+$/.test(what)) listeners.notify(runId, { kind: "stored", seq: Number(what) });
  });
  notifier.onReconnect(() => {
    listeners.notifyAll({ kind: "resync" });
  });
  return {
    // Subscribers read every row up to the sequence announced: the last one says it for all.
    announce: async (runId, ...entries) => {
      const last = entries.at(-1);
      if (last) await notifier.notify(channels.runEvents, `${runId} ${last.seq}`);
    },
    announceEnded: (runId) => notifier.notify(channels.runEvents, `${runId} end`),
    subscribe: (runId, listener) => listeners.add(runId, listener),
  };
}
