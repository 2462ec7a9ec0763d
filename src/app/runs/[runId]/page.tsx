import { ConfigBanner } from "@/components/config-banner";
import { RunHistory } from "@/components/run-history";
import { RunView } from "@/components/run/run-view";
import { SiteHeader } from "@/components/site-header";

export default async function RunPage({ params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return (
    <>
      <SiteHeader />
      <main className="page">
        <ConfigBanner />
        <RunView runId={runId} />
        <RunHistory currentRunId={runId} />
      </main>
    </>
  );
}
