import { createHash } from "node:crypto";

import type { AnalysisProfile } from "@/server/analysis/analyzer";

/**
 * A stable fingerprint of what fit scoring depends on: languages, topics, skill level and goals. Two
 * profiles that differ only in letter case, order or repeated tags score the same, so they hash the same;
 * any change that could change a verdict gives a new hash. Analyses cached for one profile are never
 * served to another, and "new since last time" compares runs of the same profile.
 */
export function hashAnalysisProfile(profile: AnalysisProfile): string {
  const normalizeTags = (tags: readonly string[]) =>
    [...new Set(tags.map((tag) => tag.trim().toLowerCase()).filter((tag) => tag !== ""))].sort();
  const canonical = JSON.stringify({
    languages: normalizeTags(profile.languages),
    topics: normalizeTags(profile.topics),
    skillLevel: profile.skillLevel,
    goals: profile.goals.trim().replace(/\s+/g, " "),
  });
  return createHash("sha256").update(canonical).digest("hex");
}
