import pg from "pg";
import type { Logger } from "@/server/logger";

/**
 * PostgreSQL's LISTEN/NOTIFY for the processes of one hosted Scout: web instances and workers tell each
 * other that a run's log grew, that a cancel was asked for, or that a run is waiting for a worker. Payloads
 * stay small (ids and numbers; NOTIFY allows 8000 bytes); the rows themselves are read from the database.
 *
 * One dedicated connection listens. When it drops, it reconnects with a growing pause and then tells its
 * listeners to resync, since anything sent meanwhile was lost; sending goes through the shared pool.
 */

export const channels = {
  runEvents: "scout_run_events",
  runCancel: "scout_run_cancel",
  runQueued: "scout_run_queued",
} as const;
export type Channel = (typeof channels)[keyof typeof channels];

type Handler = (payload: string) => void;

export type PostgresNotifier = {
  /** Sends a notification to every listening process (this one included). */
  notify: (channel: Channel, payload: string) => Promise<void>;
  /** Handles the channel's notifications; returns the function that stops handling them. */
  on: (channel: Channel, handler: Handler) => () => void;
  /** Called after the listening connection came back: notifications may have been missed. */
  onReconnect: (handler: () => void) => () => void;
  /** Resolves once the first LISTEN is in place. */
  ready: Promise<void>;
  close: () => Promise<void>;
};

const RECONNECT_FIRST_MS = 100;
const RECONNECT_MAX_MS = 5000;

export function createPostgresNotifier({
  databaseUrl,
  pool,
  logger,
}: {
  databaseUrl: string;
  pool: pg.Pool;
  logger: Logger;
}): PostgresNotifier {
  const handlers = new Map<string, Set<Handler>>();
  const reconnectHandlers = new Set<() => void>();
  let client: pg.Client | undefined;
  // Read through a function: it changes while connect() awaits, which the type checker cannot see.
  let closed = false;
  const isClosed = () => closed;
  let pause = RECONNECT_FIRST_MS;
  let retryTimer: NodeJS.Timeout | undefined;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => {
    markReady = resolve;
  });
  let connectedOnce = false;

  const dispatch = (message: pg.Notification) => {
    for (const handler of [...(handlers.get(message.channel) ?? [])]) {
      try {
        handler(message.payload ?? "");
      } catch (error) {
        logger.error(`A ${message.channel} notification could not be handled`, error);
      }
    }
  };

  const scheduleReconnect = () => {
    if (closed || retryTimer) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void connect();
    }, pause);
    retryTimer.unref();
    pause = Math.min(RECONNECT_MAX_MS, pause * 2);
  };

  async function connect(): Promise<void> {
    if (closed) return;
    const next = new pg.Client({ connectionString: databaseUrl, application_name: "scout-listener" });
    const lost = (error?: Error) => {
      if (client !== next) return;
      client = undefined;
      if (!closed) {
        logger.warn("The PostgreSQL notification connection dropped; reconnecting", error);
        scheduleReconnect();
      }
    };
    next.on("notification", dispatch);
    next.on("error", lost);
    next.on("end", () => {
      lost();
    });
    try {
      await next.connect();
      for (const channel of Object.values(channels)) await next.query(`LISTEN ${channel}`);
    } catch (error) {
      next.removeAllListeners();
      await next.end().catch(() => undefined);
      if (!isClosed()) {
        logger.warn("Could not listen for PostgreSQL notifications; retrying", error);
        scheduleReconnect();
      }
      return;
    }
    if (isClosed()) {
      await next.end().catch(() => undefined);
      return;
    }
    client = next;
    pause = RECONNECT_FIRST_MS;
    if (connectedOnce) for (const handler of [...reconnectHandlers]) handler();
    connectedOnce = true;
    markReady();
  }
  void connect();

  return {
    async notify(channel, payload) {
      await pool.query("SELECT pg_notify($1, $2)", [channel, payload]);
    },
    on(channel, handler) {
      let set = handlers.get(channel);
      if (!set) {
        set = new Set();
        handlers.set(channel, set);
      }
      set.add(handler);
      return () => set.delete(handler);
    },
    onReconnect(handler) {
      reconnectHandlers.add(handler);
      return () => reconnectHandlers.delete(handler);
    },
    ready,
    async close() {
      closed = true;
      clearTimeout(retryTimer);
      const current = client;
      client = undefined;
      await current?.end().catch(() => undefined);
    },
  };
}
