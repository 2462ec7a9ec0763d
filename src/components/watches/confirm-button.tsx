"use client";

import { useEffect, useRef, useState, type ReactNode } from "react";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * A button whose action asks first, because it cannot be undone: the question takes the focus (on its safe
 * answer) and gives it back to the button when dismissed or once the action is done.
 */
export function ConfirmButton({
  label,
  question,
  groupLabel,
  confirmLabel,
  pendingLabel,
  keepLabel,
  pending,
  error,
  onConfirm,
  testId,
}: {
  /** The button's text; its accessible name may say more (hidden words that name what it acts on). */
  label: ReactNode;
  question: string;
  groupLabel: string;
  confirmLabel: string;
  pendingLabel: string;
  keepLabel: string;
  pending: boolean;
  /** Why the action failed, shown with the question; it stays open to try again. */
  error: string | null;
  /** Resolves once the action is done; rejects when it failed (the error prop then says why). */
  onConfirm: () => Promise<unknown>;
  testId: string;
}) {
  // Until the page's script runs, a press would do nothing: the button says so by being disabled.
  const hydrated = useHydrated();
  const [confirming, setConfirming] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const keepButton = useRef<HTMLButtonElement>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) keepButton.current?.focus();
    else if (returnFocus) trigger.current?.focus();
  }, [confirming, returnFocus]);
  const close = () => {
    setConfirming(false);
    setReturnFocus(true);
  };
  if (!confirming)
    return (
      <button
        ref={trigger}
        type="button"
        className="button button-danger"
        disabled={!hydrated}
        onClick={() => {
          setConfirming(true);
        }}
        data-testid={testId}
      >
        {label}
      </button>
    );
  return (
    <div className="token-confirm confirm-group" role="group" aria-label={groupLabel}>
      <span>{question}</span>
      <button
        type="button"
        className="button button-danger"
        disabled={pending}
        onClick={() => {
          // A failure stays on screen through `error`; the question stays open for another try.
          onConfirm().then(close, () => undefined);
        }}
        data-testid={`${testId}-confirm`}
      >
        {pending ? pendingLabel : confirmLabel}
      </button>
      <button ref={keepButton} type="button" className="button" onClick={close}>
        {keepLabel}
      </button>
      {error !== null ? (
        <p className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}
