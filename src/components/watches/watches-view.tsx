"use client";

import { useQuery } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { useTRPC } from "@/trpc/react";
import { WatchCard } from "./watch-card";
import { WatchForm } from "./watch-form";

/**
 * The person's watched searches: each with its schedule, health, feed and digests, a form to add one, and
 * one status line announcing what was just done. Focus follows the person's action: into the form when it
 * opens, onto a watch just created, back to the button that opened a form that was cancelled, and onto the
 * list's heading when the watch it was on is deleted.
 */
export function WatchesView() {
  const trpc = useTRPC();
  const list = useQuery(trpc.watches.list.queryOptions());
  // Until the page's script runs, "New watch" would do nothing: it says so by being disabled.
  const hydrated = useHydrated();
  const [creating, setCreating] = useState(false);
  const [createdId, setCreatedId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  // An object per request, so asking for the same place twice in a row moves focus there again.
  const [focus, setFocus] = useState<{ to: "new-button" | "heading" } | null>(null);
  const newButton = useRef<HTMLButtonElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (focus?.to === "new-button") newButton.current?.focus();
    if (focus?.to === "heading") heading.current?.focus();
  }, [focus]);
  const atMax = list.data ? list.data.items.length >= list.data.max : false;
  return (
    <section className="watches" aria-labelledby="watches-heading" data-testid="watches">
      <header className="watches-header">
        <div>
          <h2 id="watches-heading" ref={heading} tabIndex={-1} className="watches-heading">
            Your watches
          </h2>
          <p className="card-subtitle">
            A watch repeats a search on a schedule and keeps a digest of what each run finds new: repositories
            it never showed you, fresh starter issues, and picked issues someone has since taken. Read them
            here, in a feed reader, or by email.
          </p>
        </div>
        {creating ? null : (
          <button
            ref={newButton}
            type="button"
            className="button button-primary"
            disabled={!hydrated || atMax}
            onClick={() => {
              setCreating(true);
              setFocus(null);
              setAnnouncement("");
            }}
            data-testid="new-watch"
          >
            New watch
          </button>
        )}
      </header>
      {atMax && list.data ? (
        <p className="field-hint">
          You have {list.data.max} watches, the most one person may keep. Delete one to add another.
        </p>
      ) : null}
      {creating ? (
        <div className="card">
          <WatchForm
            onSaved={(watch) => {
              setCreating(false);
              setCreatedId(watch.id);
              setAnnouncement(`Created “${watch.name}”.`);
            }}
            onCancel={() => {
              setCreating(false);
              setFocus({ to: "new-button" });
            }}
          />
        </div>
      ) : null}
      {list.isPending ? <p className="muted">Loading your watches…</p> : null}
      {list.isError ? (
        <p className="field-error" role="alert">
          Could not load your watches: {list.error.message}
        </p>
      ) : null}
      {list.isSuccess && list.data.items.length === 0 && !creating ? (
        <p className="muted" data-testid="watches-empty">
          No watches yet. Press New watch to repeat a search on a schedule.
        </p>
      ) : null}
      {list.isSuccess && list.data.items.length > 0 ? (
        <ul className="watch-list" data-testid="watch-list">
          {list.data.items.map((watch) => (
            <li key={watch.id}>
              <WatchCard
                watch={watch}
                focusHeading={watch.id === createdId}
                onAnnounce={setAnnouncement}
                onDeleted={(name) => {
                  setAnnouncement(`Deleted “${name}”.`);
                  setFocus({ to: "heading" });
                }}
              />
            </li>
          ))}
        </ul>
      ) : null}
      <p className="form-status" role="status" aria-live="polite" data-testid="watches-status">
        {announcement}
      </p>
    </section>
  );
}
