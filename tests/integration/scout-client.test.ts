import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { EventSource } from "eventsource";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScoutClient } from "@/client";

/**
 * createScoutClient in Node with the `eventsource` package. The fault soak caught `eventsource` dispatching
 * the rest of a chunk it had already read after the subscriber's unsubscribe had closed it; tRPC then wrote
 * to its closed stream and threw an uncaught exception in the caller's process. When that happens depends
 * on network timing, so `LateEventSource` makes it certain: it is the real class, which delivers one more
 * already-read event right after close(), as observed.
 */

let server: Server;
let url: string;

beforeAll(async () => {
  server = createServer((_request, response) => {
    response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
    response.write('event: connected\ndata: {"reconnectAfterInactivityMs":0}\n\n');
    response.write(
      'id: 1\ndata: {"type":"status","phase":"discovering","message":"Searching GitHub..."}\n\n',
    );
    // The rest of the run never comes; the subscriber leaves after the first event.
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => {
        resolve();
      });
    }),
);

class LateEventSource extends EventSource {
  override close(): void {
    super.close();
    const late = { type: "status", phase: "discovering", message: "Discovered 3 repositories" };
    this.dispatchEvent(new MessageEvent("message", { data: JSON.stringify(late), lastEventId: "2" }));
    this.dispatchEvent(new MessageEvent("return", { data: "" }));
  }
}

describe("createScoutClient in Node", () => {
  it("lets a subscriber leave mid-run without an uncaught exception from events read before it left", async () => {
    const uncaught: unknown[] = [];
    const record = (error: unknown) => uncaught.push(error);
    process.on("uncaughtException", record);
    try {
      const client = createScoutClient(url, { EventSource: LateEventSource });
      const received = await new Promise<string[]>((resolve, reject) => {
        const subscription = client.scout.stream.subscribe(
          { runId: "any" },
          {
            onData: ({ data }) => {
              resolve([data.type === "status" ? data.message : data.type]);
              subscription.unsubscribe();
            },
            onError: reject,
          },
        );
      });
      // An exception thrown from an event listener surfaces on the next tick.
      await new Promise((resolve) => setImmediate(resolve));

      expect(received).toEqual(["Searching GitHub..."]);
      expect(uncaught).toEqual([]);
    } finally {
      process.off("uncaughtException", record);
    }
  });
});
