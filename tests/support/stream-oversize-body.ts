import { request } from "node:http";

export type StreamedUploadOutcome = { status: number; body: string; bytesSent: number };

/**
 * POSTs a body of `totalBytes` in chunks, without a Content-Length (chunked transfer encoding), honouring
 * back-pressure, and stops writing as soon as the server answers or closes the connection. The sender
 * holds one chunk at a time, so its own memory stays flat too.
 */
export function streamOversizeBody({
  url,
  totalBytes,
  chunkBytes = 64 * 1024,
}: {
  url: string;
  totalBytes: number;
  chunkBytes?: number;
}): Promise<StreamedUploadOutcome> {
  return new Promise((resolve, reject) => {
    // An object, not lets: the callbacks below change it while the writer loop reads it.
    const upload = { bytesSent: 0, stopped: false, answered: false };
    let wakeWriter: () => void = () => {};
    const outgoing = request(url, {
      method: "POST",
      headers: { "content-type": "application/json", "transfer-encoding": "chunked" },
    });
    const stop = () => {
      upload.stopped = true;
      wakeWriter();
    };
    outgoing.on("response", (response) => {
      upload.answered = true;
      stop();
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => {
        // The server answered before the body ended; the rest will never be read, so hang up.
        outgoing.destroy();
        resolve({
          status: response.statusCode ?? 0,
          body: Buffer.concat(chunks).toString("utf8"),
          bytesSent: upload.bytesSent,
        });
      });
    });
    outgoing.on("error", (error) => {
      stop();
      if (!upload.answered) reject(error);
    });
    outgoing.on("close", stop);

    // One long JSON string: the body stays well-formed, so only a size limit can refuse it early.
    const opening = Buffer.from('{"languages":["Go"],"topics":[],"skillLevel":"beginner","goals":"');
    const filler = Buffer.alloc(chunkBytes, "a");
    void (async () => {
      while (!upload.stopped && upload.bytesSent < totalBytes) {
        const chunk = upload.bytesSent === 0 ? opening : filler;
        upload.bytesSent += chunk.byteLength;
        if (!outgoing.write(chunk)) {
          await new Promise<void>((wake) => {
            wakeWriter = wake;
            outgoing.once("drain", wake);
          });
        }
      }
      if (!upload.stopped) outgoing.end('"}');
    })();
  });
}
