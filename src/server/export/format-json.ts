import type { ScoutSearchResult } from "@/shared/runs";

/** The run exactly as scout.results returns it, indented for people who open the file. */
export function formatRunAsJson({ run }: { run: ScoutSearchResult }): string {
  return `${JSON.stringify(run, null, 2)}\n`;
}
