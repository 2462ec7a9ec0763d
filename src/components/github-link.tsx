"use client";

import { useQuery } from "@tanstack/react-query";
import type { ReactNode } from "react";
import { toGitHubHref } from "@/lib/github-links";
import { useTRPC } from "@/trpc/react";

/** Servers from before `githubWebOrigin` existed only knew github.com (or the catalog, which links there). */
const ORIGIN_OF_OLDER_SERVERS = "https://github.com";

/**
 * A link to a page on the GitHub this server searches, opening in a new tab. URLs come from GitHub's answers
 * and so are data: one that is not on that GitHub's web origin is shown as text, never as a link (nor while
 * the server's configuration is unknown).
 */
export function GitHubLink({ url, children, testId }: { url: string; children: ReactNode; testId: string }) {
  const trpc = useTRPC();
  const config = useQuery(trpc.scout.config.queryOptions());
  const origin = config.data ? (config.data.githubWebOrigin ?? ORIGIN_OF_OLDER_SERVERS) : null;
  const href = origin === null ? null : toGitHubHref(url, origin);
  if (href === null) return <span data-testid={`${testId}-text`}>{children}</span>;
  return (
    <a href={href} target="_blank" rel="noopener noreferrer" data-testid={testId}>
      {children}
      <span className="visually-hidden"> (opens in a new tab)</span>
    </a>
  );
}
