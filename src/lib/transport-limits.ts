/**
 * Limits of the API's HTTP transport, shared by the server that enforces them and the browser links that
 * stay within them.
 */

/** Calls allowed in one batched HTTP request (tRPC's maxBatchSize). */
export const MAX_BATCH_SIZE = 20;

/** Generous for every procedure: the largest real input, a full profile, is a few kilobytes. */
export const MAX_REQUEST_BODY_BYTES = 64 * 1024;
