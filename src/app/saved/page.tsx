import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { ConfigBanner } from "@/components/config-banner";
import { SavedView } from "@/components/saved/saved-view";
import { SiteHeader } from "@/components/site-header";
import { getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";

// Marks change with every click: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Saved · GitHub Scout" };

export default async function SavedPage() {
  // With sign-in on, a page is only for someone signed in.
  if (!(await getViewer())) redirect("/sign-in");
  await prefetch(trpc.scout.config.queryOptions());
  return (
    <HydrateClient>
      <SiteHeader />
      <main className="page">
        <ConfigBanner />
        <SavedView />
      </main>
    </HydrateClient>
  );
}
