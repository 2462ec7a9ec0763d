import { request } from "node:http";
import { connect } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createScoutClient } from "@/client";
import { MAX_BATCH_SIZE, MAX_REQUEST_BODY_BYTES } from "@/lib/transport-limits";
import type { AppDependencies } from "@/server/app-dependencies";
import { serveApi } from "../support/http-app";
import { streamOversizeBody } from "../support/stream-oversize-body";
import { startHarness, typicalProfile, type Harness } from "../support/scout-harness";

let harness: Harness;
let deps: AppDependencies;
let api: { url: string; close: () => Promise<void> };

beforeAll(async () => {
  harness = await startHarness();
  deps = harness.deps();
  api = await serveApi(deps);
});
afterAll(async () => {
  await api.close();
  await harness.close();
});

const bodyTooLarge = "The request is too large: at most 64 KB.";

/** A profile.save body of exactly `bytes` bytes: valid JSON padded with whitespace. */
function profileBodyOf(bytes: number): string {
  const json = JSON.stringify({ ...typicalProfile, goals: "Padded to size" });
  return json.slice(0, -1) + " ".repeat(bytes - json.length) + "}";
}

const saveProfile = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${api.url}/api/trpc/profile.save`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

describe("request body limit", () => {
  it("accepts a body of exactly 64 KB and refuses one byte more with 413, in tRPC's error shape", async () => {
    const atLimit = await saveProfile(profileBodyOf(MAX_REQUEST_BODY_BYTES));
    expect(atLimit.status).toBe(200);

    await deps.db.developerProfile.deleteMany();
    const over = await saveProfile(profileBodyOf(MAX_REQUEST_BODY_BYTES + 1));
    expect(over.status).toBe(413);
    expect(await over.json()).toMatchObject({
      error: { message: bodyTooLarge, data: { code: "PAYLOAD_TOO_LARGE", httpStatus: 413 } },
    });
    expect(await deps.db.developerProfile.count()).toBe(0);
  });

  it("refuses a declared Content-Length over the limit without waiting for the body", async () => {
    const status = await new Promise<number>((resolve, reject) => {
      const outgoing = request(`${api.url}/api/trpc/profile.save`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(450 * 1024 * 1024) },
      });
      outgoing.on("response", (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
        outgoing.destroy();
      });
      outgoing.on("error", reject);
      // Only the headers and a few bytes are ever sent.
      outgoing.write("{");
    });
    expect(status).toBe(413);
  });

  it("stops reading a streamed 50 MB body once it passes the limit, with memory flat", async () => {
    const totalBytes = 50 * 1024 * 1024;
    const url = `${api.url}/api/trpc/profile.save`;
    // Warm up the code paths first, so the measurement sees the upload, not the first run of the code.
    await streamOversizeBody({ url, totalBytes: 1024 * 1024 });
    const before = process.memoryUsage().rss;
    let peak = before;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 5);
    try {
      const outcome = await streamOversizeBody({ url, totalBytes });
      peak = Math.max(peak, process.memoryUsage().rss);
      expect(outcome.status).toBe(413);
      expect(JSON.parse(outcome.body)).toMatchObject({ error: { message: bodyTooLarge } });
      // The answer came long before the upload could finish: the server did not wait for the rest.
      expect(outcome.bytesSent).toBeLessThan(totalBytes / 2);
    } finally {
      clearInterval(sampler);
    }
    const growthMb = (peak - before) / 1024 / 1024;
    // Buffering the upload, as before the limit, grows the process by 170-210 MB.
    expect(growthMb).toBeLessThan(32);
  });

  it("stops reading from a sender that ignores the 413 and keeps streaming", async () => {
    const { port } = new URL(api.url);
    const socket = connect(Number(port), "127.0.0.1");
    const received: Buffer[] = [];
    socket.on("data", (chunk: Buffer) => received.push(chunk));
    socket.on("error", () => {
      // The server may close the connection while this keeps writing.
    });
    socket.write(
      "POST /api/trpc/profile.save HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
    );
    const chunk = Buffer.alloc(64 * 1024, "a");
    const framed = Buffer.concat([
      Buffer.from(`${chunk.length.toString(16)}\r\n`),
      chunk,
      Buffer.from("\r\n"),
    ]);
    const limit = 64 * 1024 * 1024;
    let written = 0;
    try {
      // Write until the server stops taking data (a second without "drain") or the connection ends.
      while (!socket.destroyed && written < limit) {
        written += framed.length;
        if (socket.write(framed)) continue;
        const drained = await Promise.race([
          new Promise<boolean>((resolve) =>
            socket.once("drain", () => {
              resolve(true);
            }),
          ),
          new Promise<boolean>((resolve) =>
            setTimeout(() => {
              resolve(false);
            }, 1000),
          ),
        ]);
        if (!drained) break;
      }
    } finally {
      socket.destroy();
    }
    expect(Buffer.concat(received).toString("latin1")).toMatch(/^HTTP\/1\.1 413 /);
    // The server drops at most 8 MB after the limit, then reads no more; the rest fills socket buffers.
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });

  it("still answers the next request on a fresh connection", async () => {
    expect((await saveProfile(JSON.stringify(typicalProfile))).status).toBe(200);
  });
});

describe("batch limit", () => {
  const batchOf = (count: number) =>
    fetch(
      `${api.url}/api/trpc/${Array.from({ length: count }, () => "scout.config").join(",")}?batch=1&input=${encodeURIComponent(JSON.stringify({}))}`,
    );

  it(`answers a batch of ${MAX_BATCH_SIZE} calls and refuses a longer one with a clear message`, async () => {
    const full = await batchOf(MAX_BATCH_SIZE);
    expect(full.status).toBe(200);
    expect(await full.json()).toHaveLength(MAX_BATCH_SIZE);

    const over = await batchOf(MAX_BATCH_SIZE + 1);
    expect(over.status).toBe(400);
    expect(await over.json()).toMatchObject({
      error: {
        message: "Too many calls in one request: send at most 20 at a time.",
        data: { code: "BAD_REQUEST" },
      },
    });
  });

  it("lets the app's own client send any number of calls at once, split into allowed batches", async () => {
    const client = createScoutClient(api.url);
    const answers = await Promise.all(
      Array.from({ length: 3 * MAX_BATCH_SIZE + 1 }, () => client.scout.config.query()),
    );
    expect(new Set(answers.map((answer) => answer.githubSource))).toEqual(new Set(["live"]));
  });
});
