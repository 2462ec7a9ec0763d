/** Set by our HTTP server (scripts/start.ts) from the socket; any client-sent value is overwritten. */
export const peerAddressHeader = "x-scout-peer-address";

/**
 * The client's address for rate limiting. x-forwarded-for is client-controlled, so it counts only behind
 * a trusted proxy (SCOUT_TRUST_PROXY=1); otherwise the socket address is used, or "unknown".
 */
export function resolveClientIp({ headers, trustProxy }: { headers: Headers; trustProxy: boolean }): string {
  if (trustProxy) {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  return headers.get(peerAddressHeader)?.trim() || "unknown";
}
