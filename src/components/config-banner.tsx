"use client";

import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/trpc/react";

/** Tells the user which data source and analyzer this server runs, so offline demo data is never mistaken for live. */
export function ConfigBanner() {
  const trpc = useTRPC();
  const config = useQuery(trpc.scout.config.queryOptions());
  if (!config.data) return <div className="banner banner-loading" aria-hidden="true" />;

  const { githubSource, analyzer, model } = config.data;
  const offline = githubSource === "catalog" || analyzer === "heuristic";
  return (
    <section
      className={`banner${offline ? " banner-offline" : " banner-live"}`}
      data-testid="config-banner"
      aria-label="Data source and analyzer"
    >
      <span className="banner-chip" data-testid="config-source">
        {githubSource === "catalog" ? "Offline demo catalog" : "Live GitHub"}
      </span>
      <span className="banner-chip" data-testid="config-analyzer">
        {analyzer === "heuristic" ? "Built-in analyzer" : `LLM: ${model ?? "unknown model"}`}
      </span>
      <span className="banner-text">
        {githubSource === "catalog"
          ? "Searches run against a bundled catalog of demo repositories. Set GITHUB_TOKEN to search GitHub itself."
          : "Searches run against GitHub."}{" "}
        {analyzer === "heuristic"
          ? "Fit is scored by a deterministic built-in analyzer; set OPENAI_API_KEY to use an LLM."
          : "Fit is scored by the LLM."}
      </span>
    </section>
  );
}
