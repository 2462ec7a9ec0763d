"use client";

import { useQuery } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { useTRPC } from "@/trpc/react";
import { DigestEntry } from "./digest-entry";

const RECENT_DIGESTS = 10;

/**
 * The watch's latest digests, read when the person opens them. A button rather than <details>: a <details>
 * opened before the page's script ran would show as open with nothing read into it.
 */
export function WatchDigests({ watchId }: { watchId: string }) {
  const trpc = useTRPC();
  const id = useId();
  const hydrated = useHydrated();
  const [open, setOpen] = useState(false);
  const digests = useQuery({
    ...trpc.watches.digests.queryOptions({ watchId, limit: RECENT_DIGESTS }),
    enabled: open,
  });
  const config = useQuery(trpc.scout.config.queryOptions());
  const githubWebOrigin = config.data?.githubWebOrigin ?? "";
  return (
    <div className="watch-digests" data-testid="watch-digests">
      <button
        type="button"
        className="disclosure"
        aria-expanded={open}
        aria-controls={id}
        disabled={!hydrated}
        onClick={() => {
          setOpen(!open);
        }}
        data-testid="watch-digests-toggle"
      >
        Recent digests
      </button>
      <div id={id} hidden={!open} className="watch-digests-body">
        {open && digests.isPending ? <p className="muted">Loading digests…</p> : null}
        {digests.isError ? (
          <p className="field-error" role="alert">
            Could not load its digests: {digests.error.message}
          </p>
        ) : null}
        {digests.isSuccess && digests.data.items.length === 0 ? (
          <p className="muted" data-testid="watch-digests-empty">
            No digests yet. Each run that finds something new leaves one here and in the feed.
          </p>
        ) : null}
        {digests.isSuccess && digests.data.items.length > 0 ? (
          <ol className="digest-list">
            {digests.data.items.map((digest) => (
              <li key={digest.id}>
                <DigestEntry digest={digest} githubWebOrigin={githubWebOrigin} />
              </li>
            ))}
          </ol>
        ) : null}
      </div>
    </div>
  );
}
