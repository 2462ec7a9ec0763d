import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { ApiTokensSettings } from "@/components/settings/api-tokens-settings";
import { SiteHeader } from "@/components/site-header";
import { getSignIn, getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";

// The tokens change with every creation and revocation: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Settings · GitHub Scout" };

export default async function SettingsPage() {
  // With sign-in on, a page is only for someone signed in.
  if (!(await getViewer())) redirect("/sign-in");
  const { on } = await getSignIn();
  if (on) await prefetch(trpc.apiTokens.list.queryOptions());
  return (
    <HydrateClient>
      <SiteHeader />
      <main className="page settings-page">
        <h1 className="page-title">Settings</h1>
        {on ? (
          <ApiTokensSettings />
        ) : (
          <p data-testid="settings-local-mode">
            Nobody signs in to this GitHub Scout, so the <code>scout</code> command and{" "}
            <code>createScoutClient</code> need no token: every request is yours.
          </p>
        )}
      </main>
    </HydrateClient>
  );
}
