import type { Phase } from "@/shared/events";

const steps = ["discovering", "filtering", "fetching", "analyzing", "done"] as const;
type Step = (typeof steps)[number];

const stepLabels: Record<Step, string> = {
  discovering: "Discovering",
  filtering: "Filtering",
  fetching: "Fetching",
  analyzing: "Analyzing",
  done: "Done",
};

type ProgressPanelProps = {
  phase: Phase | "done" | null;
  message: string;
  discovered: number | null;
  passed: number | null;
  analyzed: number;
  /** How many candidates go to analysis, once known. */
  total: number | null;
  running: boolean;
  cancelling: boolean;
  onCancel: () => void;
  connectionError: string | null;
};

/** Where the run is: its phases, its message, its counts and the cancel button while it runs. */
export function ProgressPanel({
  phase,
  message,
  discovered,
  passed,
  analyzed,
  total,
  running,
  cancelling,
  onCancel,
  connectionError,
}: ProgressPanelProps) {
  // Saving the last batch is part of analyzing for the person watching.
  const currentStep: Step | null = phase === "saving" ? "analyzing" : phase;
  const currentIndex = currentStep === null ? -1 : steps.indexOf(currentStep);
  return (
    <section className="card" aria-labelledby="progress-heading" data-testid="run-progress">
      <header className="card-header progress-header">
        <h2 id="progress-heading">Progress</h2>
        {running ? (
          <button
            type="button"
            className="button button-danger"
            onClick={onCancel}
            disabled={cancelling}
            data-testid="cancel-run"
          >
            {cancelling ? "Cancelling…" : "Cancel"}
          </button>
        ) : null}
      </header>
      <ol className="phase-steps" aria-label="Search phases" data-testid="phase-steps">
        {steps.map((step, index) => {
          const isCurrent = step === currentStep;
          return (
            <li
              key={step}
              className={`phase-step${index <= currentIndex ? " is-reached" : ""}${isCurrent ? " is-current" : ""}${isCurrent && running ? " is-active" : ""}`}
              aria-current={isCurrent ? "step" : undefined}
              data-testid={`phase-${step}`}
            >
              {stepLabels[step]}
            </li>
          );
        })}
      </ol>
      {/* Not a live region: it changes with every event. RunAnnouncer tells screen readers at a calmer pace. */}
      <p className="progress-message" data-testid="progress-message">
        {message}
      </p>
      <dl className="progress-counts">
        <div>
          <dt>Discovered</dt>
          <dd data-testid="count-discovered">{discovered ?? "–"}</dd>
        </div>
        <div>
          <dt>Passed filters</dt>
          <dd data-testid="count-passed">{passed ?? "–"}</dd>
        </div>
        <div>
          <dt>Analyzed</dt>
          <dd data-testid="count-analyzed">{total !== null ? `${analyzed}/${total}` : "–"}</dd>
        </div>
      </dl>
      <progress
        className="progress-bar"
        max={total ?? 1}
        value={total ? analyzed : 0}
        aria-label="Analysis progress"
        data-testid="progress-bar"
      />
      {connectionError !== null ? (
        <p className="form-alert" role="alert">
          Lost the live connection: {connectionError}. Reload to resume.
        </p>
      ) : null}
    </section>
  );
}
