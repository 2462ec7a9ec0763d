"use client";

import { useInfiniteQuery, useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { formatCount, scoreTone } from "@/lib/format";
import type { MarkedRepo, RepoMark } from "@/shared/marks";
import { useTRPC } from "@/trpc/react";
import { GitHubLink } from "../github-link";
import { LocalDateTime } from "../local-date-time";
import { RepoMarkActions } from "../run/repo-mark-actions";
import { PickedIssueList } from "../starter-issues";

const PAGE_SIZE = 20;

const views: { mark: RepoMark; label: string; empty: string }[] = [
  {
    mark: "saved",
    label: "Saved",
    empty: "Nothing saved yet. Press Save on a result to keep it here.",
  },
  { mark: "contributed", label: "Contributed", empty: "No repositories marked as contributed yet." },
  {
    mark: "dismissed",
    label: "Not interested",
    empty: "No repositories marked not interested. Those you mark are left out of later searches.",
  },
];

/** The developer's marked repositories, one mark at a time, each with its latest analysis. */
export function SavedView() {
  const [mark, setMark] = useState<RepoMark>("saved");
  const trpc = useTRPC();
  const list = useInfiniteQuery(
    trpc.repos.marked.infiniteQueryOptions(
      { mark, limit: PAGE_SIZE },
      { getNextPageParam: (page) => page.nextCursor ?? undefined },
    ),
  );
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const view = views.find((candidate) => candidate.mark === mark) ?? views[0];
  return (
    <>
      <h1 className="page-title">Saved repositories</h1>
      <div className="mark-actions saved-tabs" role="group" aria-label="Show repositories marked">
        {views.map((candidate) => (
          <button
            key={candidate.mark}
            type="button"
            className="mark-button"
            aria-pressed={candidate.mark === mark}
            onClick={() => {
              setMark(candidate.mark);
            }}
            data-testid={`saved-view-${candidate.mark}`}
          >
            {candidate.label}
          </button>
        ))}
      </div>
      <section aria-labelledby="saved-list-heading" className="results" data-testid="saved-list">
        <h2 id="saved-list-heading" className="visually-hidden">
          {view?.label}
        </h2>
        {list.isPending ? <p className="muted">Loading…</p> : null}
        {list.isError ? (
          <p className="field-error" role="alert">
            Could not load the list: {list.error.message}
          </p>
        ) : null}
        {list.isSuccess && items.length === 0 ? (
          <p className="muted" data-testid="saved-empty">
            {view?.empty}
          </p>
        ) : null}
        <div className="card-grid">
          {items.map((item) => (
            <MarkedRepoCard key={item.repo} item={item} />
          ))}
        </div>
        {list.hasNextPage ? (
          <button
            type="button"
            className="button"
            disabled={list.isFetchingNextPage}
            onClick={() => {
              void list.fetchNextPage();
            }}
            data-testid="saved-load-more"
          >
            {list.isFetchingNextPage ? "Loading…" : "Load more"}
          </button>
        ) : null}
      </section>
    </>
  );
}

function MarkedRepoCard({ item }: { item: MarkedRepo }) {
  const trpc = useTRPC();
  const githubWebOrigin = useQuery(trpc.scout.config.queryOptions()).data?.githubWebOrigin ?? "";
  const { latest } = item;
  const url = latest?.metadata.url ?? `https://github.com/${item.repo}`;
  return (
    <article className="repo-card" data-testid="saved-item" data-repo={item.repo}>
      <header className="repo-card-header">
        <h3 className="repo-name">
          <GitHubLink url={url} testId="repo-link">
            {item.repo}
          </GitHubLink>
        </h3>
        {latest ? (
          <span
            className={`score-badge score-${scoreTone(latest.fitScore)}`}
            data-testid="score-badge"
            aria-label={`Latest fit score ${latest.fitScore} out of 10`}
          >
            {latest.fitScore}
            <span className="score-max">/10</span>
          </span>
        ) : null}
      </header>
      {latest?.metadata.description ? (
        <p className="repo-description">{latest.metadata.description}</p>
      ) : null}
      {latest ? (
        <>
          <p className="muted" data-testid="saved-analyzed">
            Last analyzed <LocalDateTime iso={latest.analyzedAt} /> ·{" "}
            <Link href={`/runs/${latest.runId}`}>open that search</Link> · ★{" "}
            {formatCount(latest.metadata.stars)}
          </p>
          <p className="repo-reason">
            {latest.reject ? (latest.rejectReason ?? latest.reason) : latest.reason}
          </p>
          <PickedIssueList
            picks={latest.pickedIssues}
            issues={latest.metadata.starterIssues}
            githubWebOrigin={githubWebOrigin}
          />
        </>
      ) : (
        <p className="muted" data-testid="saved-never-analyzed">
          Not analyzed by any search on this server yet.
        </p>
      )}
      {item.note ? <p data-testid="saved-note">Your note: “{item.note}”</p> : null}
      <RepoMarkActions repo={item.repo} mark={item.mark} note={item.note} />
    </article>
  );
}
