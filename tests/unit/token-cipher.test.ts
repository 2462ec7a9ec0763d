import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { createTokenCipher, parseTokenKeys, TokenCipherError } from "@/server/auth/token-cipher";

const TOKEN = "gho_16C7e42F292c6912E7710c838347Ae178B4a";
const key = (id: string) => ({ id, key: randomBytes(32) });

function failureOf(open: () => unknown): TokenCipherError {
  try {
    open();
  } catch (error) {
    if (error instanceof TokenCipherError) return error;
    throw error;
  }
  throw new Error("expected the token not to open");
}

describe("sealing GitHub tokens at rest", () => {
  it("opens what it sealed for the same account, and the sealed text shows neither token nor key", () => {
    const current = key("2026-12");
    const cipher = createTokenCipher([current]);
    const sealed = cipher.seal(TOKEN, "user-1");

    expect(cipher.open(sealed, "user-1")).toBe(TOKEN);
    expect(sealed).not.toContain(TOKEN);
    expect(sealed).not.toContain(current.key.toString("base64url"));
    expect(sealed.startsWith("v1.2026-12.")).toBe(true);
    // A fresh nonce each time: equal tokens do not give equal sealed texts.
    expect(cipher.seal(TOKEN, "user-1")).not.toBe(sealed);
  });

  it("refuses a token sealed for another account, or altered by one character", () => {
    const cipher = createTokenCipher([key("k1")]);
    const sealed = cipher.seal(TOKEN, "user-1");
    expect(failureOf(() => cipher.open(sealed, "user-2")).failure).toBe("not-authentic");

    const parts = sealed.split(".");
    const body = parts[3] ?? "";
    parts[3] = (body.startsWith("A") ? "B" : "A") + body.slice(1);
    const failure = failureOf(() => cipher.open(parts.join("."), "user-1"));
    expect(failure.failure).toBe("not-authentic");
    expect(failure.message).not.toContain(TOKEN);
  });

  it("keeps opening old tokens after a rotation, seals new ones under the new key, and says which to re-seal", () => {
    const old = key("2026-06");
    const sealedBefore = createTokenCipher([old]).seal(TOKEN, "user-1");
    const rotated = createTokenCipher([key("2026-12"), old]);

    expect(rotated.isStale(sealedBefore)).toBe(true);
    const resealed = rotated.seal(rotated.open(sealedBefore, "user-1"), "user-1");
    expect(rotated.isStale(resealed)).toBe(false);
    expect(rotated.open(resealed, "user-1")).toBe(TOKEN);

    // Once the old key is dropped, only what was re-sealed still opens.
    const withoutOld = createTokenCipher([key("2026-12")]);
    expect(failureOf(() => withoutOld.open(sealedBefore, "user-1"))).toMatchObject({
      failure: "unknown-key",
      message: "The stored token was sealed under key 2026-06, which is no longer configured",
    });
  });

  it("answers a stored value it cannot read as malformed rather than crashing", () => {
    const cipher = createTokenCipher([key("k1")]);
    for (const stored of ["", TOKEN, "v1.k1.only-three", "v2.k1.a.b.c", "v1.k1.a.b.c.d"])
      expect(failureOf(() => cipher.open(stored, "user-1")).failure).toBe("malformed");
  });

  it("reads keys from the environment's text, the current one first, and names a bad entry without echoing it", () => {
    const first = randomBytes(32).toString("base64");
    const second = randomBytes(32).toString("base64url");
    const keys = parseTokenKeys(` 2026-12:${first} , 2026-06:${second}`);
    expect(keys.map((entry) => entry.id)).toEqual(["2026-12", "2026-06"]);
    expect(keys.every((entry) => entry.key.length === 32)).toBe(true);

    const short = randomBytes(16).toString("base64");
    expect(() => parseTokenKeys(`good:${first},weak:${short}`)).toThrow(
      "key 2 (weak) must be 32 random bytes in base64",
    );
    expect(() => parseTokenKeys(`good:${first},weak:${short}`)).not.toThrow(short);
    expect(() => parseTokenKeys(first)).toThrow("key 1 must start with an id");
    expect(() => parseTokenKeys(" , ")).toThrow("must list at least one key");
    expect(() =>
      createTokenCipher([
        { id: "k", key: randomBytes(32) },
        { id: "k", key: randomBytes(32) },
      ]),
    ).toThrow("Token key id k is given twice");
  });
});
