"use client";

import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import type { RepoMetadata } from "@/shared/repos";
import type { RunAnalysisResult } from "@/shared/runs";
import { useTRPC } from "@/trpc/react";
import { RepoCard } from "../repo-card";
import { resultSortKeys, selectNewResults, sortResults, type ResultSortKey } from "./run-state";

const sortLabels: Record<ResultSortKey, string> = { fit: "Fit", stars: "Stars", recent: "Recent activity" };

function isSortKey(value: string): value is ResultSortKey {
  return (resultSortKeys as readonly string[]).includes(value);
}

/** The analyzed repositories as cards, in the order the user picks; rejected ones on request. */
export function ResultList({
  results,
  repos,
}: {
  results: RunAnalysisResult[];
  repos: ReadonlyMap<string, RepoMetadata>;
}) {
  const [sortKey, setSortKey] = useState<ResultSortKey>("fit");
  const [showRejected, setShowRejected] = useState(false);
  const [newOnly, setNewOnly] = useState(false);
  const trpc = useTRPC();
  // Issue links go only where this server's GitHub serves its pages; until it is known, none are made.
  const githubWebOrigin = useQuery(trpc.scout.config.queryOptions()).data?.githubWebOrigin ?? "";
  if (results.length === 0) return null;

  const sorted = sortResults(results, sortKey, repos);
  const accepted = sorted.filter((result) => !result.reject);
  const rejected = sorted.filter((result) => result.reject);
  const newCount = selectNewResults(accepted).length;
  // The filter only means something when some results are new and some are not.
  const canFilterNew = newCount > 0 && newCount < accepted.length;
  const shown = canFilterNew && newOnly ? selectNewResults(accepted) : accepted;
  return (
    <section aria-labelledby="results-heading" className="results">
      <header className="results-header">
        <h2 id="results-heading">
          Ranked repositories{" "}
          <span className="muted" data-testid="result-count">
            ({shown.length === accepted.length ? accepted.length : `${shown.length} of ${accepted.length}`})
          </span>
        </h2>
        <div className="results-controls">
          <label className="inline-field">
            Sort by{" "}
            <select
              className="input"
              value={sortKey}
              onChange={(event) => {
                if (isSortKey(event.target.value)) setSortKey(event.target.value);
              }}
              data-testid="sort-results"
            >
              {resultSortKeys.map((key) => (
                <option key={key} value={key}>
                  {sortLabels[key]}
                </option>
              ))}
            </select>
          </label>
          {canFilterNew ? (
            <label className="inline-field">
              <input
                type="checkbox"
                checked={newOnly}
                onChange={(event) => {
                  setNewOnly(event.target.checked);
                }}
                data-testid="toggle-new-only"
              />{" "}
              New only ({newCount})
            </label>
          ) : null}
          {rejected.length > 0 ? (
            <label className="inline-field">
              <input
                type="checkbox"
                checked={showRejected}
                onChange={(event) => {
                  setShowRejected(event.target.checked);
                }}
                data-testid="toggle-rejected"
              />{" "}
              Show rejected ({rejected.length})
            </label>
          ) : null}
        </div>
      </header>
      <div className="card-grid" data-testid="result-list">
        {shown.map((result) => (
          <RepoCard
            key={result.repo}
            result={result}
            repo={repos.get(result.repo)}
            githubWebOrigin={githubWebOrigin}
          />
        ))}
      </div>
      {showRejected ? (
        <div className="card-grid rejected-list" data-testid="rejected-list">
          {rejected.map((result) => (
            <RepoCard
              key={result.repo}
              result={result}
              repo={repos.get(result.repo)}
              githubWebOrigin={githubWebOrigin}
            />
          ))}
        </div>
      ) : null}
    </section>
  );
}
