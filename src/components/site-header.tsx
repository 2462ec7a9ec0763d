import Link from "next/link";
import { getSignIn } from "@/trpc/server";
import { SignOutButton } from "./sign-out-button";
import { SiteNav } from "./site-nav";

export async function SiteHeader() {
  // Sign-out and the settings are offered only where people sign in.
  const { signedIn } = await getSignIn();
  return (
    <header className="site-header">
      <div className="site-header-inner">
        <Link href="/" className="brand" aria-label="GitHub Scout home">
          <svg className="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
            <circle cx="14" cy="14" r="9" fill="none" stroke="currentColor" strokeWidth="3" />
            <path d="M21 21l7 7" stroke="currentColor" strokeWidth="3" strokeLinecap="round" />
            <circle cx="14" cy="14" r="3" fill="currentColor" />
          </svg>
          <span className="brand-name">GitHub Scout</span>
        </Link>
        <p className="site-tagline">Open-source projects worth your next contribution</p>
        <SiteNav signedIn={signedIn} />
        {signedIn ? <SignOutButton /> : null}
      </div>
    </header>
  );
}
