import { topicCues, topicPatternCues } from "@/server/filtering/non-project-cues";
import type { Evidence } from "@/server/filtering/non-project-evidence";
import { splitNameSegments } from "@/server/filtering/read-name-evidence";
import { foldText } from "@/server/filtering/tokenize-text";

/**
 * A topic that only repeats the repository's name or one of its segments (`awesome` on
 * `awesome_notifications`, `leetcode` and `cli` on `leetcode-cli`) is the same signal again, not new
 * evidence, so it is skipped.
 */
export function readTopicEvidence(topics: readonly string[], repoName: string): Evidence[] {
  const segments = new Set(splitNameSegments(repoName));
  const joinedName = splitNameSegments(repoName).join("-");
  const evidence: Evidence[] = [];
  for (const raw of topics) {
    const name = foldText(raw.trim());
    if (segments.has(name) || name === joinedName) continue;
    const cue = topicCues.get(name) ?? topicPatternCues.find(([pattern]) => pattern.test(name))?.[1];
    if (cue)
      evidence.push({
        kind: cue.kind,
        source: "topics",
        weight: cue.weight,
        text: name,
        flavour: cue.flavour,
      });
  }
  return evidence;
}
