import { describe, expect, it } from "vitest";
import {
  isAllowedHost,
  parseBindHost,
  parseHostAndPort,
  resolveAllowedHosts,
  type HostAllowlist,
} from "@/server/http/host-allowlist";

const defaults = resolveAllowedHosts({ host: "127.0.0.1", configured: null });
const allows = (allowlist: HostAllowlist, ...hosts: string[]) =>
  hosts.map((host) => [host, isAllowedHost(host, allowlist)]);

describe("the Host allowlist", () => {
  it("answers the loopback names by default, with or without a port", () => {
    expect(
      allows(defaults, "localhost", "localhost:3000", "127.0.0.1:3000", "[::1]:3000", "LOCALHOST.:3000"),
    ).toEqual([
      ["localhost", true],
      ["localhost:3000", true],
      ["127.0.0.1:3000", true],
      ["[::1]:3000", true],
      ["LOCALHOST.:3000", true],
    ]);
  });

  it("refuses a rebound name, even one that resolves to 127.0.0.1", () => {
    expect(
      allows(defaults, "evil.example:3000", "localhost.evil.example", "127.0.0.1.nip.io:3000", "10.0.0.5"),
    ).toEqual([
      ["evil.example:3000", false],
      ["localhost.evil.example", false],
      ["127.0.0.1.nip.io:3000", false],
      ["10.0.0.5", false],
    ]);
  });

  it("refuses a missing or malformed Host header", () => {
    expect(isAllowedHost(undefined, defaults)).toBe(false);
    expect(
      allows(defaults, "", "localhost@evil.example", "evil.example/localhost", "localhost:0", "::1"),
    ).toEqual([
      ["", false],
      ["localhost@evil.example", false],
      ["evil.example/localhost", false],
      ["localhost:0", false],
      ["::1", false],
    ]);
  });

  it("adds the interface HOST names, but not a wildcard bind address", () => {
    const lan = resolveAllowedHosts({ host: "192.168.1.20", configured: null });
    expect(isAllowedHost("192.168.1.20:3000", lan)).toBe(true);
    expect(isAllowedHost("localhost:3000", lan)).toBe(true);
    const named = resolveAllowedHosts({ host: "scout.lan", configured: null });
    expect(isAllowedHost("Scout.lan:3000", named)).toBe(true);
    const v6 = resolveAllowedHosts({ host: "fd00::20", configured: null });
    expect(isAllowedHost("[fd00::20]:3000", v6)).toBe(true);

    const everywhere = resolveAllowedHosts({ host: "0.0.0.0", configured: null });
    expect(allows(everywhere, "0.0.0.0:3000", "192.168.1.20:3000", "localhost:3000")).toEqual([
      ["0.0.0.0:3000", false],
      ["192.168.1.20:3000", false],
      ["localhost:3000", true],
    ]);
    expect(isAllowedHost("[::]:3000", resolveAllowedHosts({ host: "::", configured: null }))).toBe(false);
  });

  it("answers exactly SCOUT_ALLOWED_HOSTS when it is set; an entry with a port allows only that port", () => {
    const configured = resolveAllowedHosts({
      host: "0.0.0.0",
      configured: ["scout.example.com", "192.168.1.20:8080"],
    });
    expect(
      allows(
        configured,
        "scout.example.com",
        "scout.example.com:443",
        "192.168.1.20:8080",
        "192.168.1.20:3000",
      ),
    ).toEqual([
      ["scout.example.com", true],
      ["scout.example.com:443", true],
      ["192.168.1.20:8080", true],
      ["192.168.1.20:3000", false],
    ]);
    expect(isAllowedHost("localhost:3000", configured)).toBe(false);
  });

  it("turns the guard off only for an explicit *", () => {
    const open = resolveAllowedHosts({ host: "0.0.0.0", configured: ["*"] });
    expect(isAllowedHost("anything.example:1234", open)).toBe(true);
  });
});

describe("host parsing", () => {
  it("canonicalizes names and addresses the way browsers send them", () => {
    expect(parseHostAndPort("Example.COM.:8080")).toEqual({ hostname: "example.com", port: 8080 });
    expect(parseHostAndPort("[0:0:0:0:0:0:0:1]")).toEqual({ hostname: "[::1]", port: null });
    expect(parseHostAndPort("127.1")).toEqual({ hostname: "127.0.0.1", port: null });
    expect(parseHostAndPort("host:65536")).toBeNull();
  });

  it("gives HOST in the form server.listen takes", () => {
    expect(parseBindHost("::1")).toBe("::1");
    expect(parseBindHost("[::]")).toBe("::");
    expect(parseBindHost("0.0.0.0")).toBe("0.0.0.0");
    expect(parseBindHost("localhost:3000")).toBeNull();
  });
});
