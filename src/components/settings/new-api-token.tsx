"use client";

import { useEffect, useId, useRef, useState } from "react";
import type { CreatedApiToken } from "@/shared/api-tokens";

/** A token just created: its secret, shown this once, with a way to copy it. */
export function NewApiToken({ created, onDone }: { created: CreatedApiToken; onDone: () => void }) {
  const secretId = useId();
  const secretField = useRef<HTMLInputElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  // Focus goes to the secret, so a screen reader reads it out and a keyboard user can copy it at once.
  useEffect(() => {
    secretField.current?.focus();
    secretField.current?.select();
  }, [created.token]);
  async function copySecret() {
    try {
      await navigator.clipboard.writeText(created.token);
      setCopy("copied");
    } catch {
      setCopy("failed");
    }
  }
  return (
    <div
      className="token-notice"
      role="region"
      aria-labelledby={`${secretId}-heading`}
      data-testid="new-api-token"
    >
      <h3 id={`${secretId}-heading`} className="settings-subheading">
        Your new token “{created.summary.name}”
      </h3>
      <p>
        <strong>Copy it now: you will not see it again.</strong> GitHub Scout keeps only a fingerprint of it,
        so a lost token cannot be shown again; revoke it and create another.
      </p>
      <label htmlFor={secretId} className="field-label">
        Token
      </label>
      <div className="token-secret-row">
        <input
          id={secretId}
          ref={secretField}
          className="input token-secret"
          value={created.token}
          readOnly
          spellCheck={false}
          autoComplete="off"
          onFocus={(event) => {
            event.currentTarget.select();
          }}
          data-testid="new-api-token-value"
        />
        <button
          type="button"
          className="button"
          onClick={() => void copySecret()}
          data-testid="copy-api-token"
        >
          Copy
        </button>
      </div>
      <p className="form-status" role="status" aria-live="polite">
        {copy === "copied"
          ? "Copied to the clipboard."
          : copy === "failed"
            ? "Could not copy: select it and copy it yourself."
            : ""}
      </p>
      <div className="form-actions">
        <button type="button" className="button" onClick={onDone} data-testid="new-api-token-done">
          I have copied it
        </button>
      </div>
    </div>
  );
}
