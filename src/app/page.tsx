import { redirect } from "next/navigation";
import { ConfigBanner } from "@/components/config-banner";
import { ProfileForm } from "@/components/profile-form";
import { RunHistory } from "@/components/run-history";
import { SearchForm } from "@/components/search-form";
import { SiteHeader } from "@/components/site-header";
import { runHistoryInput } from "@/lib/run-history-input";
import { getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";

// The page shows this server's profile, runs and configuration: render it per request, never at build time.
export const dynamic = "force-dynamic";

export default async function HomePage() {
  // With sign-in on, a page is only for someone signed in.
  if (!(await getViewer())) redirect("/sign-in");
  await Promise.all([
    prefetch(trpc.profile.get.queryOptions()),
    prefetch(trpc.scout.config.queryOptions()),
    prefetch(trpc.scout.runs.queryOptions(runHistoryInput)),
  ]);
  return (
    <HydrateClient>
      <SiteHeader />
      <main className="page">
        <ConfigBanner />
        <h1 className="page-title">Find your next open-source contribution</h1>
        <div className="home-layout">
          <ProfileForm />
          <div className="home-side">
            <SearchForm />
            <RunHistory />
          </div>
        </div>
      </main>
    </HydrateClient>
  );
}
