"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";
import { describeSchedule } from "@/lib/watch-words";
import type { Watch } from "@/shared/watches";
import { useTRPC } from "@/trpc/react";
import { LocalDateTime } from "../local-date-time";
import { summarizeFilters } from "../run-history";
import { SignInButton } from "../sign-in-button";
import { ConfirmButton } from "./confirm-button";
import { WatchDigests } from "./watch-digests";
import { WatchFeed } from "./watch-feed";
import { describeWatchProfile, WatchForm } from "./watch-form";
import { WatchHealth } from "./watch-health";

/**
 * One watch: what it searches, when it runs next and how its last run went, its feed and mail, and what can
 * be done with it. Editing happens in place; focus comes back to Edit afterwards.
 */
export function WatchCard({
  watch,
  focusHeading,
  onAnnounce,
  onDeleted,
}: {
  watch: Watch;
  /** Just created: the card takes the focus, so the person lands on what they made. */
  focusHeading: boolean;
  onAnnounce: (message: string) => void;
  onDeleted: (name: string) => void;
}) {
  // Until the page's script runs, the buttons would do nothing: they say so by being disabled.
  const hydrated = useHydrated();
  const [editing, setEditing] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);
  const heading = useRef<HTMLHeadingElement>(null);
  const editButton = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, [focusHeading]);
  useEffect(() => {
    if (!editing && returnFocus) editButton.current?.focus();
  }, [editing, returnFocus]);
  const headingId = `watch-${watch.id}-heading`;
  const closeEditor = () => {
    setEditing(false);
    setReturnFocus(true);
  };
  return (
    <article
      className="card watch-card"
      aria-labelledby={headingId}
      data-testid="watch"
      data-watch-id={watch.id}
    >
      <h3 id={headingId} ref={heading} tabIndex={-1} className="watch-name" data-testid="watch-name">
        {watch.name}
      </h3>
      {editing ? (
        <WatchForm
          watch={watch}
          onSaved={(saved) => {
            onAnnounce(`Saved “${saved.name}”.`);
            closeEditor();
          }}
          onCancel={closeEditor}
        />
      ) : (
        <>
          <WatchHealth health={watch.health} />
          <dl className="watch-facts">
            <div>
              <dt>Schedule</dt>
              <dd data-testid="watch-schedule">{describeSchedule(watch.schedule)}</dd>
            </div>
            <div>
              <dt>Next run</dt>
              <dd data-testid="watch-next-run">
                {watch.nextRunAt ? <LocalDateTime iso={watch.nextRunAt} /> : "None scheduled"}
              </dd>
            </div>
            <div>
              <dt>Last run</dt>
              <dd data-testid="watch-last-run">
                <LastRun lastRun={watch.lastRun} />
              </dd>
            </div>
            <div>
              <dt>Searches</dt>
              <dd data-testid="watch-filters">
                {summarizeFilters(watch.filters)}
                {watch.filters.requireStarterIssues ? " · with an unclaimed starter issue" : ""}
              </dd>
            </div>
            <div>
              <dt>Ranks for</dt>
              <dd>{describeWatchProfile(watch.profile)}</dd>
            </div>
            <div>
              <dt>Email</dt>
              <dd data-testid="watch-email-to">
                {watch.emailTo ? `Digests mailed to ${watch.emailTo}` : "Off: digests go to the feed only"}
              </dd>
            </div>
          </dl>
          <WatchFeed watch={watch} />
          <div className="watch-actions">
            <RunNowButton watch={watch} />
            <button
              ref={editButton}
              type="button"
              className="button"
              disabled={!hydrated}
              onClick={() => {
                setEditing(true);
              }}
              data-testid="watch-edit"
            >
              Edit<span className="visually-hidden"> {watch.name}</span>
            </button>
            <DeleteWatchButton watch={watch} onDeleted={onDeleted} />
          </div>
          <WatchDigests watchId={watch.id} />
        </>
      )}
    </article>
  );
}

function LastRun({ lastRun }: { lastRun: Watch["lastRun"] }) {
  if (!lastRun) return <>Not run yet</>;
  const what = lastRun.kind === "manual" ? "Run now" : "Scheduled run";
  // Refused before a search started: the watch's health says why.
  if (lastRun.runId === null)
    return (
      <>
        {what} of <LocalDateTime iso={lastRun.slotAt} /> could not start
      </>
    );
  return (
    <>
      <Link href={`/runs/${lastRun.runId}`} data-testid="watch-last-run-link">
        {what} of <LocalDateTime iso={lastRun.slotAt} />
      </Link>{" "}
      <span
        className={`status-pill status-${lastRun.status ?? "unknown"}`}
        data-testid="watch-last-run-status"
      >
        {lastRun.status ?? "unknown"}
      </span>
    </>
  );
}

/** Runs the watch at once and opens its run; a refusal (a search already running…) is shown here. */
function RunNowButton({ watch }: { watch: Pick<Watch, "id" | "name"> }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const hydrated = useHydrated();
  const runNow = useMutation(
    trpc.watches.runNow.mutationOptions({
      onSuccess: ({ runId }) => {
        void queryClient.invalidateQueries({ queryKey: trpc.scout.runs.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.watches.list.queryKey() });
        router.push(`/runs/${runId}`);
      },
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        disabled={runNow.isPending || !hydrated}
        onClick={() => {
          runNow.mutate({ watchId: watch.id });
        }}
        data-testid="watch-run-now"
      >
        {runNow.isPending ? "Starting…" : "Run now"}
        <span className="visually-hidden"> {watch.name}</span>
      </button>
      {runNow.isError ? (
        <p className="field-error watch-action-error" role="alert" data-testid="watch-run-now-error">
          Could not run it now: {runNow.error.message}
        </p>
      ) : null}
      {runNow.error?.data?.blockedBy === "github-sign-in" ? (
        <SignInButton returnTo="/watches" label="Sign in with GitHub again" />
      ) : null}
    </>
  );
}

/** Deletes the watch after asking: its schedule, feed and digests go; the searches it ran stay. */
function DeleteWatchButton({
  watch,
  onDeleted,
}: {
  watch: Pick<Watch, "id" | "name">;
  onDeleted: (name: string) => void;
}) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.watches.delete.mutationOptions({
      onSuccess: async (deleted) => {
        await queryClient.invalidateQueries({ queryKey: trpc.watches.list.queryKey() });
        onDeleted(deleted.name);
      },
    }),
  );
  return (
    <ConfirmButton
      label={
        <>
          Delete<span className="visually-hidden"> {watch.name}</span>
        </>
      }
      groupLabel={`Delete ${watch.name}?`}
      question="Delete it? Its schedule, feed and digests go; the searches it ran stay in your history."
      confirmLabel="Delete watch"
      pendingLabel="Deleting…"
      keepLabel="Keep it"
      pending={remove.isPending}
      error={remove.isError ? `Could not delete it: ${remove.error.message}` : null}
      onConfirm={() => remove.mutateAsync({ watchId: watch.id })}
      testId="watch-delete"
    />
  );
}
