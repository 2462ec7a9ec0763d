import { asSentence } from "@/lib/watch-words";
import { formatCountOf } from "@/lib/words";
import type { WatchHealth as Health } from "@/shared/watches";
import { LocalDateTime } from "../local-date-time";

/**
 * How the watch's runs are going, when not well: paused (its runs kept failing, so slots are skipped until a
 * time), or failing without a pause yet. Nothing when its last run went well.
 */
export function WatchHealth({ health }: { health: Health }) {
  const { consecutiveFailures: failures, backoffUntil, lastError } = health;
  // Errors are written as sentences, mostly; one that is not still ends as one here.
  const why = asSentence(lastError ?? "No reason was recorded");
  if (backoffUntil !== null)
    return (
      <p className="watch-health is-paused" role="status" data-testid="watch-backoff">
        <strong>Paused</strong> after {formatCountOf(failures, "failed run", "failed runs")} in a row until{" "}
        <LocalDateTime iso={backoffUntil} />: {why}
      </p>
    );
  if (failures > 0)
    return (
      <p className="watch-health is-failing" role="status" data-testid="watch-failing">
        <strong>Warning:</strong>{" "}
        {failures === 1 ? "the last run failed" : `the last ${failures} runs failed`}: {why} It keeps running
        on schedule; if its runs go on failing, it pauses for a while.
      </p>
    );
  return null;
}
