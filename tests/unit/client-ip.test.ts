import { describe, expect, it } from "vitest";
import { peerAddressHeader, resolveClientIp } from "@/server/client-ip";

const headers = (entries: Record<string, string>) => new Headers(entries);

describe("the client address used for rate limits", () => {
  it("is the socket address our server stamped", () => {
    expect(
      resolveClientIp({ headers: headers({ [peerAddressHeader]: "192.0.2.7" }), trustProxy: false }),
    ).toBe("192.0.2.7");
  });

  it("ignores a client-sent x-forwarded-for unless the proxy is trusted", () => {
    const spoofed = headers({ [peerAddressHeader]: "192.0.2.7", "x-forwarded-for": "203.0.113.1" });
    expect(resolveClientIp({ headers: spoofed, trustProxy: false })).toBe("192.0.2.7");
  });

  it("takes the first x-forwarded-for address behind a trusted proxy", () => {
    const forwarded = headers({
      [peerAddressHeader]: "10.0.0.1",
      "x-forwarded-for": " 203.0.113.1 , 10.0.0.1",
    });
    expect(resolveClientIp({ headers: forwarded, trustProxy: true })).toBe("203.0.113.1");
  });

  it('is "unknown" when there is no address at all', () => {
    expect(resolveClientIp({ headers: headers({}), trustProxy: false })).toBe("unknown");
    expect(resolveClientIp({ headers: headers({}), trustProxy: true })).toBe("unknown");
  });
});
