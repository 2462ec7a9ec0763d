"use client";

import { useId, useState, type KeyboardEvent, type Ref } from "react";

export type TagInputProps = {
  label: string;
  hint?: string;
  values: string[];
  onChange: (values: string[]) => void;
  placeholder?: string;
  error?: string;
  testId: string;
  maxItems: number;
  /** Lets a form focus the text field, e.g. react-hook-form on the first field with an error. */
  ref?: Ref<HTMLInputElement>;
  onBlur?: () => void;
};

/** A list of short values typed one at a time: Enter or comma adds, Backspace on empty removes the last. */
export function TagInput({
  label,
  hint,
  values,
  onChange,
  placeholder,
  error,
  testId,
  maxItems,
  ref,
  onBlur,
}: TagInputProps) {
  const inputId = useId();
  const hintId = `${inputId}-hint`;
  const errorId = `${inputId}-error`;
  const [draft, setDraft] = useState("");

  function commitDraft() {
    const additions = draft
      .split(",")
      .map((part) => part.trim())
      .filter((part) => part !== "" && !values.some((value) => value.toLowerCase() === part.toLowerCase()));
    if (additions.length > 0) onChange([...values, ...additions]);
    setDraft("");
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === "Enter" || event.key === ",") {
      event.preventDefault();
      commitDraft();
    } else if (event.key === "Backspace" && draft === "" && values.length > 0) {
      onChange(values.slice(0, -1));
    }
  }

  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(" ") || undefined;

  return (
    <div className="field">
      <label htmlFor={inputId} className="field-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      <div className={`tag-box${error ? " has-error" : ""}`} data-testid={testId}>
        <ul className="tag-list" aria-label={`${label} added`}>
          {values.map((value) => (
            <li key={value.toLowerCase()} className="tag">
              <span data-testid={`${testId}-tag`}>{value}</span>
              <button
                type="button"
                className="tag-remove"
                aria-label={`Remove ${value}`}
                data-testid={`${testId}-remove`}
                onClick={() => {
                  onChange(values.filter((other) => other !== value));
                }}
              >
                ×
              </button>
            </li>
          ))}
        </ul>
        <input
          id={inputId}
          className="tag-input"
          value={draft}
          placeholder={values.length >= maxItems ? "" : placeholder}
          onChange={(event) => {
            setDraft(event.target.value);
          }}
          onKeyDown={handleKeyDown}
          onBlur={() => {
            commitDraft();
            onBlur?.();
          }}
          ref={ref}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          data-testid={`${testId}-field`}
          autoComplete="off"
        />
      </div>
      {error ? (
        <p id={errorId} className="field-error" role="alert" data-testid={`${testId}-error`}>
          {error}
        </p>
      ) : null}
    </div>
  );
}
