"use client";

import { useId, useState } from "react";
import { FILTERED_OUT_MAX, type FilteredOut } from "@/shared/runs";

/**
 * The repositories the filter rules dropped before analysis, each with the evidence in words, on request:
 * a user who disagrees with the filter can see what it left out and why. Repository names and reasons
 * render as text, never as HTML.
 */
export function FilteredOutList({ filteredOut }: { filteredOut: FilteredOut[] }) {
  const [show, setShow] = useState(false);
  const listId = useId();
  if (filteredOut.length === 0) return null;
  return (
    <section className="card filtered-out" aria-label="Filtered out" data-testid="filtered-out">
      <label className="inline-field">
        <input
          type="checkbox"
          checked={show}
          onChange={(event) => {
            setShow(event.target.checked);
          }}
          aria-controls={listId}
          data-testid="toggle-filtered-out"
        />{" "}
        Show filtered out ({filteredOut.length})
      </label>
      {/* Always in the page, so the checkbox's aria-controls names an element that exists. */}
      <div id={listId} hidden={!show}>
        {show ? (
          <>
            <p className="muted">Dropped by the filter rules before analysis.</p>
            <ul className="filtered-out-list" data-testid="filtered-out-list">
              {filteredOut.map(({ repo, reason }) => (
                <li key={repo} data-testid="filtered-out-item" data-repo={repo}>
                  <span className="repo-name">{repo}</span>: {reason}
                </li>
              ))}
            </ul>
            {filteredOut.length >= FILTERED_OUT_MAX ? (
              <p className="muted">Only the first {FILTERED_OUT_MAX} are listed.</p>
            ) : null}
          </>
        ) : null}
      </div>
    </section>
  );
}
