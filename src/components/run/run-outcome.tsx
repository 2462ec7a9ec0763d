import type { Ref } from "react";
import { SignInButton } from "@/components/sign-in-button";
import type { SearchBlocker } from "@/shared/runs";
import { formatCountOf, pluralize } from "@/lib/words";
import type { RunOutcome } from "./run-state";

type RunOutcomeProps = {
  outcome: RunOutcome;
  /** The terminal event's message, shown as the empty state's title or the failure's explanation. */
  message: string;
  /** Analyses kept and not rejected, for the cancelled notice. */
  ranked: number;
  skipped: string[];
  /** The notice shown, so focus can move to it when the run ends under the user (a cancel). */
  focusRef?: Ref<HTMLElement>;
  /** Absent when the run's filters are not known, so it cannot be started again. */
  onRetry: (() => void) | undefined;
  retrying: boolean;
  retryError: string | null;
  /** What the person must act on first, when the run failed for that: then that, not a retry, is offered. */
  blockedBy?: SearchBlocker;
  /** Where GitHub's sign-in brings the person back to. */
  returnTo: string;
};

/** How the run ended, when that needs more than the progress panel: nothing found, a failure, skipped repos. */
export function RunOutcomeNotice({
  outcome,
  message,
  ranked,
  skipped,
  focusRef,
  onRetry,
  retrying,
  retryError,
  blockedBy,
  returnTo,
}: RunOutcomeProps) {
  return (
    <>
      {outcome === "empty" ? (
        <section
          className="card empty-state"
          tabIndex={-1}
          ref={focusRef}
          aria-labelledby="outcome-heading"
          data-testid="empty-state"
        >
          <h2 id="outcome-heading">{message}</h2>
          <p>Try broadening the search:</p>
          <ul>
            <li>use fewer topics, or none;</li>
            <li>widen the star range;</li>
            <li>pick an older “active since” date;</li>
            <li>drop the license or the search text.</li>
          </ul>
        </section>
      ) : null}

      {outcome === "failed" ? (
        // Not an alert: RunAnnouncer already says how the run ended, once.
        <section
          className="card error-state"
          tabIndex={-1}
          ref={focusRef}
          aria-labelledby="outcome-heading"
          data-testid="failed-state"
        >
          <h2 id="outcome-heading">The search did not finish</h2>
          <p>{message}</p>
          {blockedBy === "github-sign-in" ? (
            <SignInButton returnTo={returnTo} label="Sign in with GitHub again" />
          ) : blockedBy === undefined && onRetry ? (
            <button
              type="button"
              className="button button-primary"
              onClick={onRetry}
              disabled={retrying}
              data-testid="retry-search"
            >
              Try again
            </button>
          ) : null}
          {retryError !== null ? <p className="field-error">{retryError}</p> : null}
        </section>
      ) : null}

      {outcome === "cancelled" ? (
        <section
          className="card outcome-state"
          tabIndex={-1}
          ref={focusRef}
          aria-labelledby="outcome-heading"
          data-testid="cancelled-state"
        >
          <h2 id="outcome-heading">Search cancelled</h2>
          <p>
            {ranked === 0
              ? "Nothing was ranked before the search stopped."
              : `The ${formatCountOf(ranked, "repository", "repositories")} ranked before the search stopped ${pluralize(ranked, "is", "are")} listed below.`}
          </p>
        </section>
      ) : null}

      {skipped.length > 0 && outcome !== "running" ? (
        <section className="banner banner-offline" data-testid="skipped-note">
          <p>
            {formatCountOf(skipped.length, "repository", "repositories")} could not be analyzed and{" "}
            {pluralize(skipped.length, "is", "are")} not ranked: {skipped.join(", ")}.
          </p>
        </section>
      ) : null}
    </>
  );
}

/** Warnings the run raised, e.g. GitHub's 1,000-result cap; each listed once. */
export function RunWarnings({ warnings }: { warnings: string[] }) {
  if (warnings.length === 0) return null;
  return (
    <section className="banner banner-offline warnings" aria-label="Warnings" data-testid="run-warnings">
      <ul>
        {warnings.map((warning) => (
          <li key={warning}>{warning}</li>
        ))}
      </ul>
    </section>
  );
}
