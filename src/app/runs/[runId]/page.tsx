import { redirect } from "next/navigation";
import type { Metadata } from "next";
import { ConfigBanner } from "@/components/config-banner";
import { RunHistory } from "@/components/run-history";
import { RunView } from "@/components/run/run-view";
import { SiteHeader } from "@/components/site-header";
import { runHistoryInput } from "@/lib/run-history-input";
import { getViewer, HydrateClient, prefetch, trpc } from "@/trpc/server";

export const dynamic = "force-dynamic";

// Its own title, so a screen reader's route announcement says the page changed.
export const metadata: Metadata = { title: "Search results · GitHub Scout" };

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  // With sign-in on, a page is only for someone signed in.
  if (!(await getViewer())) redirect("/sign-in");
  const { runId } = await params;
  // The run itself follows its event stream in the browser; the frame around it can arrive with the HTML.
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
        <RunView runId={runId} />
        <RunHistory currentRunId={runId} />
      </main>
    </HydrateClient>
  );
}
