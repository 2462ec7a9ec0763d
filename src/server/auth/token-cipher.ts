import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";

/**
 * GitHub access tokens at rest: AES-256-GCM under a key the operator supplies. The sealed text names its key,
 * so after a rotation the old keys still open what they sealed while everything new is sealed under the
 * current one; re-sealing what `isStale` reports finishes the rotation, and the old key can then go.
 *
 * Each token is sealed for an owner, the associated data: it opens only for the same owner, so a sealed text
 * cannot pass for another kind of secret. Nothing here puts a key or a token into an error message.
 */

export type TokenKey = { id: string; key: Buffer };

export type TokenCipher = {
  seal: (token: string, owner: string) => string;
  open: (sealed: string, owner: string) => string;
  /** Sealed under a key other than the current one: seal it again. */
  isStale: (sealed: string) => boolean;
};

export type TokenCipherFailure = "malformed" | "unknown-key" | "not-authentic";

export class TokenCipherError extends Error {
  constructor(
    readonly failure: TokenCipherFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = "TokenCipherError";
  }
}

const FORMAT = "v1";
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** `keys[0]` seals; every key opens what it sealed. */
export function createTokenCipher(keys: readonly TokenKey[]): TokenCipher {
  const [current] = keys;
  if (!current) throw new RangeError("A token cipher needs at least one key");
  const byId = new Map<string, Buffer>();
  for (const { id, key } of keys) {
    if (!KEY_ID.test(id))
      throw new RangeError(`Token key id ${JSON.stringify(id)} must be 1-32 of A-Z a-z 0-9 _ -`);
    if (key.length !== KEY_BYTES) throw new RangeError(`Token key ${id} must be ${KEY_BYTES} bytes`);
    if (byId.has(id)) throw new RangeError(`Token key id ${id} is given twice`);
    byId.set(id, key);
  }

  function parse(sealed: string) {
    const [format, keyId, iv, body, tag, ...rest] = sealed.split(".");
    const parts = {
      keyId,
      iv: Buffer.from(iv ?? "", "base64url"),
      body: Buffer.from(body ?? "", "base64url"),
      tag: Buffer.from(tag ?? "", "base64url"),
    };
    if (
      format !== FORMAT ||
      !keyId ||
      rest.length > 0 ||
      parts.iv.length !== IV_BYTES ||
      parts.body.length === 0 ||
      parts.tag.length !== TAG_BYTES
    )
      throw new TokenCipherError("malformed", "The stored token is not in a form this version can read");
    return { ...parts, keyId };
  }

  return {
    seal(token, owner) {
      const iv = randomBytes(IV_BYTES);
      const cipher = createCipheriv("aes-256-gcm", current.key, iv);
      cipher.setAAD(Buffer.from(owner, "utf8"));
      const body = Buffer.concat([cipher.update(token, "utf8"), cipher.final()]);
      const parts = [iv, body, cipher.getAuthTag()].map((part) => part.toString("base64url"));
      return [FORMAT, current.id, ...parts].join(".");
    },
    open(sealed, owner) {
      const { keyId, iv, body, tag } = parse(sealed);
      const key = byId.get(keyId);
      if (!key)
        throw new TokenCipherError(
          "unknown-key",
          `The stored token was sealed under key ${keyId}, which is no longer configured`,
        );
      try {
        const decipher = createDecipheriv("aes-256-gcm", key, iv);
        decipher.setAAD(Buffer.from(owner, "utf8"));
        decipher.setAuthTag(tag);
        return Buffer.concat([decipher.update(body), decipher.final()]).toString("utf8");
      } catch (error) {
        throw new TokenCipherError(
          "not-authentic",
          "The stored token does not open for this account: it was altered or belongs to another",
          { cause: error },
        );
      }
    },
    isStale: (sealed) => parse(sealed).keyId !== current.id,
  };
}

/**
 * Reads keys written as `id:base64key` pairs separated by commas, the current key first
 * (e.g. `2026-12:…,2026-06:…`). Problems name the entry by position, never by content.
 */
export function parseTokenKeys(text: string): TokenKey[] {
  const entries = text
    .split(",")
    .map((entry) => entry.trim())
    .filter((entry) => entry !== "");
  if (entries.length === 0) throw new RangeError("must list at least one key as id:base64key");
  return entries.map((entry, index) => {
    const separator = entry.indexOf(":");
    const id = separator === -1 ? "" : entry.slice(0, separator);
    const encoded = separator === -1 ? "" : entry.slice(separator + 1);
    if (!KEY_ID.test(id))
      throw new RangeError(`key ${index + 1} must start with an id of 1-32 of A-Z a-z 0-9 _ - and a colon`);
    const key = Buffer.from(encoded, "base64");
    if (key.length !== KEY_BYTES || !/^[A-Za-z0-9+/_-]+=*$/.test(encoded))
      throw new RangeError(`key ${index + 1} (${id}) must be ${KEY_BYTES} random bytes in base64`);
    return { id, key };
  });
}
