"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useId, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import type { Watch } from "@/shared/watches";
import { useTRPC } from "@/trpc/react";
import { ConfirmButton } from "./confirm-button";

type FeedStatus = "idle" | "copied" | "copy-failed" | "rotated";

const statusWords: Record<FeedStatus, string> = {
  idle: "",
  copied: "Copied to the clipboard.",
  "copy-failed": "Could not copy: select the address and copy it yourself.",
  rotated: "A new feed address is ready; the old one no longer works.",
};

/**
 * The watch's Atom feed: its full address to copy into a feed reader, and a new address on request, which
 * cuts off whoever holds the old one.
 */
export function WatchFeed({ watch }: { watch: Pick<Watch, "id" | "name" | "feedPath"> }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const id = useId();
  const [status, setStatus] = useState<FeedStatus>("idle");
  // The server does not know the address the browser reached it at: until the script runs, the path alone.
  const hydrated = useHydrated();
  const url = hydrated ? `${window.location.origin}${watch.feedPath}` : watch.feedPath;
  const rotate = useMutation(
    trpc.watches.update.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.watches.list.queryKey() });
        setStatus("rotated");
      },
    }),
  );
  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      setStatus("copied");
    } catch {
      setStatus("copy-failed");
    }
  }
  return (
    <div className="field watch-feed">
      <label htmlFor={id} className="field-label">
        Feed address
      </label>
      <p id={`${id}-hint`} className="field-hint">
        Add it to a feed reader for the digests. Anyone holding it can read them.
      </p>
      <div className="token-secret-row">
        <input
          id={id}
          className="input token-secret"
          value={url}
          readOnly
          spellCheck={false}
          autoComplete="off"
          aria-describedby={`${id}-hint`}
          onFocus={(event) => {
            event.currentTarget.select();
          }}
          data-testid="watch-feed-url"
        />
        <button
          type="button"
          className="button"
          disabled={!hydrated}
          onClick={() => void copy()}
          data-testid="watch-feed-copy"
        >
          Copy<span className="visually-hidden"> the feed address of {watch.name}</span>
        </button>
      </div>
      <div className="watch-feed-actions">
        <ConfirmButton
          label={
            <>
              New feed address<span className="visually-hidden"> for {watch.name}</span>
            </>
          }
          groupLabel={`New feed address for ${watch.name}?`}
          question="The current address stops working at once: feed readers using it need the new one."
          confirmLabel="Make a new address"
          pendingLabel="Making one…"
          keepLabel="Keep this one"
          pending={rotate.isPending}
          error={rotate.isError ? `Could not make a new address: ${rotate.error.message}` : null}
          onConfirm={() => rotate.mutateAsync({ watchId: watch.id, rotateFeedSecret: true })}
          testId="watch-rotate-feed"
        />
      </div>
      <p className="form-status" role="status" aria-live="polite" data-testid="watch-feed-status">
        {statusWords[status]}
      </p>
    </div>
  );
}
