import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SiteHeader } from "@/components/site-header";
import { WatchesView } from "@/components/watches/watches-view";
import { getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";

// Watches change with every run and edit: render per request, never at build time.
export const dynamic = "force-dynamic";

export const metadata: Metadata = { title: "Watches · GitHub Scout" };

export default async function WatchesPage() {
  // With sign-in on, a page is only for someone signed in; without it, everyone is the local user.
  if (!(await getViewer())) redirect("/sign-in");
  await Promise.all([
    prefetch(trpc.watches.list.queryOptions()),
    prefetch(trpc.scout.config.queryOptions()),
    prefetch(trpc.profile.get.queryOptions()),
  ]);
  return (
    <HydrateClient>
      <SiteHeader />
      <main className="page watches-page">
        <h1 className="page-title">Watched searches</h1>
        <WatchesView />
      </main>
    </HydrateClient>
  );
}
