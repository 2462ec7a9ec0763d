import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignInButton } from "@/components/sign-in-button";
import { getSignIn } from "@/trpc/server";

export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Sign in · GitHub Scout" };

/** What GitHub's callback reports when a sign-in did not complete, in the words a person needs. */
function describeSignInError(error: string | undefined): string | null {
  if (!error) return null;
  if (error === "access_denied") return "GitHub sign-in was cancelled. Sign in to continue.";
  return "GitHub sign-in did not complete. Try again.";
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  // Nobody signs in to a local install, and someone signed in has nothing to do here.
  const { on, signedIn } = await getSignIn();
  if (!on || signedIn) redirect("/");
  const problem = describeSignInError((await searchParams).error);
  return (
    <main className="page sign-in-page">
      <h1 className="page-title">Sign in to GitHub Scout</h1>
      <p>
        GitHub Scout searches GitHub as you, with your own GitHub quota, and keeps your profile, searches and
        marks to yourself. It asks GitHub for your public profile only.
      </p>
      {problem ? (
        <p className="field-error" role="alert" data-testid="sign-in-error">
          {problem}
        </p>
      ) : null}
      <SignInButton />
    </main>
  );
}
