import { TRPCClientError } from "@trpc/client";
import { describe, expect, it, vi } from "vitest";
import {
  firstErrorMessage,
  focusFirstInvalidField,
  serverFieldMessages,
  showServerErrors,
} from "@/lib/field-errors";

function badRequest(fieldErrors: Record<string, string[]>, message = "Select at least one language") {
  return new TRPCClientError(message, {
    result: {
      error: {
        code: -32600,
        message,
        data: { code: "BAD_REQUEST", httpStatus: 400, zodError: { formErrors: [], fieldErrors } },
      },
    },
  });
}

describe("showServerErrors", () => {
  it("puts each field's first message on that field, and focus on the first of them in form order", () => {
    const setError = vi.fn();
    showServerErrors(
      badRequest({ maxStars: ["Too low"], languages: ["Select at least one language", "second"] }),
      setError,
      ["languages", "minStars", "maxStars"],
    );
    expect(setError.mock.calls).toEqual([
      ["languages", { type: "server", message: "Select at least one language" }, { shouldFocus: true }],
      ["maxStars", { type: "server", message: "Too low" }, { shouldFocus: false }],
    ]);
  });

  it("puts a refusal that names no field of the form on the form itself", () => {
    const setError = vi.fn();
    showServerErrors(new Error("A search is already running"), setError, ["languages"]);
    showServerErrors(badRequest({ unknownField: ["x"] }, "Odd input"), setError, ["languages"]);
    expect(setError.mock.calls).toEqual([
      ["root.server", { type: "server", message: "A search is already running" }],
      ["root.server", { type: "server", message: "Odd input" }],
    ]);
  });
});

describe("serverFieldMessages", () => {
  it("is null for errors without field messages", () => {
    expect(serverFieldMessages(new Error("network"))).toBeNull();
    expect(serverFieldMessages(badRequest({}))).toBeNull();
  });
});

describe("firstErrorMessage", () => {
  it("reads a field's own message, or the first message on one of its items", () => {
    expect(firstErrorMessage({ message: "Add at least one language" })).toBe("Add at least one language");
    const itemErrors = [undefined, { message: "Each language must be at most 40 characters" }];
    expect(firstErrorMessage(itemErrors)).toBe("Each language must be at most 40 characters");
    expect(firstErrorMessage(undefined)).toBeUndefined();
  });
});

describe("focusFirstInvalidField", () => {
  it("focuses the first field with an error in the order the form shows them", () => {
    const setFocus = vi.fn();
    const errors = { maxStars: { type: "custom", message: "Too low" }, languages: { type: "too_small" } };
    focusFirstInvalidField(errors, ["languages", "minStars", "maxStars"], setFocus);
    expect(setFocus.mock.calls).toEqual([["languages"]]);
  });

  it("leaves focus alone when no field of the form has an error", () => {
    const setFocus = vi.fn();
    focusFirstInvalidField(
      { root: { server: { type: "server", message: "Refused" } } },
      ["languages"],
      setFocus,
    );
    expect(setFocus).not.toHaveBeenCalled();
  });
});
