import { describe, expect, it, vi } from "vitest";
import { AppError } from "@/server/errors";

describe("AppError across module copies", () => {
  // Next.js bundles each route on its own: the home page's server render and the API route each get a copy
  // of errors.ts. Whichever builds the process's services first owns the classes their errors come from.
  it("is recognised by instanceof when thrown by another copy of the module", async () => {
    vi.resetModules();
    const copy = await import("@/server/errors");
    expect(copy.AppError).not.toBe(AppError);
    const error = new copy.AppError("TOO_MANY_REQUESTS", "Slow down", { retryAfterSeconds: 60 });
    expect(error).toBeInstanceOf(AppError);
    expect(error instanceof AppError && error.retryAfterSeconds).toBe(60);
  });

  it("still tells other errors apart", () => {
    expect(new Error("plain")).not.toBeInstanceOf(AppError);
    expect({ code: "BAD_REQUEST", message: "lookalike" }).not.toBeInstanceOf(AppError);
    expect(null).not.toBeInstanceOf(AppError);
  });
});

describe("AppError subclasses", () => {
  class NarrowError extends AppError {}

  it("stay narrow: an AppError is not an instance of a subclass", () => {
    expect(new AppError("UPSTREAM", "GitHub answered HTTP 500")).not.toBeInstanceOf(NarrowError);
    expect(new NarrowError("UPSTREAM", "narrow")).toBeInstanceOf(NarrowError);
    expect(new NarrowError("UPSTREAM", "narrow")).toBeInstanceOf(AppError);
  });
});
