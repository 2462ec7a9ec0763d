"use client";

import { useId, useState } from "react";
import { REPO_MARK_NOTE_MAX_CHARS, type RepoMark } from "@/shared/marks";
import { useRepoMark, type MarkState } from "./use-repo-mark";

const actions: { mark: RepoMark; label: string }[] = [
  { mark: "saved", label: "Save" },
  { mark: "dismissed", label: "Not interested" },
  { mark: "contributed", label: "Contributed" },
];

/**
 * A card's three marks, as toggle buttons: pressing the pressed one clears it. "Not interested" hides the
 * repository from later searches; the card then says so, offers a short note and an undo.
 */
export function RepoMarkActions({ repo, mark, note = null }: { repo: string } & Partial<MarkState>) {
  const current = useRepoMark(repo, { mark: mark ?? null, note });
  return (
    <div className="mark-area" data-testid="mark-actions" data-mark={current.mark ?? "none"}>
      <div className="mark-actions" role="group" aria-label={`Your marks for ${repo}`}>
        {actions.map((action) => {
          const pressed = current.mark === action.mark;
          return (
            <button
              key={action.mark}
              type="button"
              className={`mark-button${pressed ? " is-pressed" : ""}`}
              aria-pressed={pressed}
              data-testid={`mark-${action.mark}`}
              onClick={() => {
                current.setMark(pressed ? null : action.mark);
              }}
            >
              {action.label}
            </button>
          );
        })}
      </div>
      {current.mark === "dismissed" ? (
        <DismissedNotice
          repo={repo}
          note={current.note}
          onNote={(text) => {
            current.setMark("dismissed", text);
          }}
          onUndo={() => {
            current.setMark(null);
          }}
        />
      ) : null}
      {current.error ? (
        <p className="field-error" role="alert" data-testid="mark-error">
          Could not change the mark: {current.error}
        </p>
      ) : null}
    </div>
  );
}

function DismissedNotice({
  repo,
  note,
  onNote,
  onUndo,
}: {
  repo: string;
  note: string | null;
  onNote: (note: string) => void;
  onUndo: () => void;
}) {
  const [draft, setDraft] = useState("");
  const inputId = useId();
  return (
    <div className="mark-notice" data-testid="dismissed-notice">
      <p>
        Not interested{note ? <span data-testid="dismissed-note">: “{note}”</span> : null}. Later searches
        leave it out.{" "}
        <button type="button" className="link-button" onClick={onUndo} data-testid="mark-undo">
          Undo<span className="visually-hidden"> not interested in {repo}</span>
        </button>
      </p>
      {note ? null : (
        <form
          className="mark-note-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.trim()) onNote(draft.trim());
          }}
        >
          <label htmlFor={inputId}>Why? (optional)</label>
          <input
            id={inputId}
            className="input"
            value={draft}
            maxLength={REPO_MARK_NOTE_MAX_CHARS}
            onChange={(event) => {
              setDraft(event.target.value);
            }}
            data-testid="dismiss-note-input"
          />
          <button type="submit" className="button" data-testid="dismiss-note-save">
            Save note
          </button>
        </form>
      )}
    </div>
  );
}
