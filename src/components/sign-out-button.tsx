"use client";

/** Ends this browser's session, then shows the sign-in page. */
export function SignOutButton() {
  async function signOut() {
    await fetch("/api/auth/sign-out", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: "{}",
    }).catch(() => undefined);
    window.location.assign("/sign-in");
  }
  return (
    <button type="button" className="button" onClick={() => void signOut()} data-testid="sign-out">
      Sign out
    </button>
  );
}
