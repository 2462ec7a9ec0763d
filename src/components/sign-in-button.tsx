"use client";

import { useState } from "react";
import { useHydrated } from "@/lib/use-hydrated";

/**
 * Starts GitHub's sign-in: the server answers where to send the browser (GitHub's authorize page), and GitHub
 * sends the person back to `returnTo`, a path of this app.
 */
export function SignInButton({
  returnTo = "/",
  label = "Sign in with GitHub",
}: {
  returnTo?: string;
  label?: string;
}) {
  const [pending, setPending] = useState(false);
  const [failed, setFailed] = useState(false);
  // Until the page's script runs, a press would do nothing at all: the button says so by being disabled.
  const hydrated = useHydrated();
  async function signIn() {
    setPending(true);
    setFailed(false);
    try {
      const response = await fetch("/api/auth/sign-in/social", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ provider: "github", callbackURL: returnTo, errorCallbackURL: "/sign-in" }),
      });
      const answer = (await response.json()) as { url?: string };
      if (!response.ok || !answer.url) throw new Error(`sign-in answered ${response.status}`);
      window.location.assign(answer.url);
    } catch {
      setFailed(true);
      setPending(false);
    }
  }
  return (
    <>
      <button
        type="button"
        className="button button-primary"
        onClick={() => void signIn()}
        disabled={pending || !hydrated}
        data-testid="sign-in"
      >
        {pending ? "Opening GitHub…" : label}
      </button>
      {failed ? (
        <p className="field-error" role="alert">
          GitHub sign-in could not start. Try again in a moment.
        </p>
      ) : null}
    </>
  );
}
