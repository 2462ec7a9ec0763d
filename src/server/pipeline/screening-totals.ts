import { describeAnalysisCap, type RejectedRepo } from "@/server/filtering/filter-candidates";
import type { ScoutEvent } from "@/shared/events";
import type { FilteredOut } from "@/shared/runs";
import type { ScreenedGroup } from "./candidate-feed";
import { listFilteredOut } from "./filter-stages";
import { stageMessages } from "./run-messages";

/**
 * What the screening of fetched groups added up to: the repositories their READMEs dropped, those whose
 * every starter issue is claimed, and those kept without proof of an unclaimed one. The run's
 * totalFiltered and filteredOut are read from it, and its summary is said once every group is in.
 */
export type ScreeningTotals = {
  takeGroup: (group: ScreenedGroup) => void;
  /** Passed filters: what the metadata stage passed, less what the READMEs dropped. */
  totalFiltered: () => number;
  /** Both stages' drops, as the run stores them. */
  listFilteredOut: () => FilteredOut[];
  /** The fetch's totals: what the README stage and the starter issues dropped, and the SCOUT_MAX_REPOS cap. */
  summarize: (options: {
    /** The candidates analysis got. */
    kept: number;
    status: (message: string, counts?: { passed?: number }) => ScoutEvent;
    warn: (message: string) => ScoutEvent;
  }) => Generator<ScoutEvent>;
};

export function createScreeningTotals({
  passed,
  metadataFilteredOut,
  requireStarterIssues,
}: {
  /** How many repositories passed the metadata stage. */
  passed: number;
  metadataFilteredOut: readonly FilteredOut[];
  requireStarterIssues: boolean;
}): ScreeningTotals {
  const droppedByReadme: RejectedRepo[] = [];
  const allClaimed: FilteredOut[] = [];
  const unverified: string[] = [];
  const totalFiltered = () => passed - droppedByReadme.length;
  return {
    takeGroup(group) {
      droppedByReadme.push(...group.droppedByReadme);
      for (const repo of group.allClaimed)
        allClaimed.push({ repo: repo.fullName, reason: stageMessages.allStarterIssuesClaimed });
      unverified.push(...group.unverified.map((repo) => repo.fullName));
    },
    totalFiltered,
    listFilteredOut: () => listFilteredOut(metadataFilteredOut, [...droppedByReadme, ...allClaimed]),
    *summarize({ kept, status, warn }) {
      if (droppedByReadme.length > 0)
        yield status(stageMessages.droppedByReadme(droppedByReadme.length, totalFiltered()), {
          passed: totalFiltered(),
        });
      if (requireStarterIssues) {
        if (unverified.length > 0) yield warn(stageMessages.unverifiedStarterIssues(unverified));
        yield status(stageMessages.withUnclaimedStarterIssues(kept, kept + allClaimed.length));
      }
      const capWarning = describeAnalysisCap(kept, totalFiltered());
      if (capWarning) yield warn(capWarning);
    },
  };
}
