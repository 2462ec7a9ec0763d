import { assessMetadata, assessReadme, isFinalWithoutDetails } from "@/server/filtering/assess-non-project";
import type { NonProjectInput } from "@/server/filtering/non-project-evidence";

/**
 * Returns the reason in words when the repository looks like learning material or a list of links rather
 * than software, and null when it should be kept. With a README it runs both stages; without, only the
 * metadata stage. The filter and the built-in analyzer share it, so both explain a rejection alike.
 */
export function detectNonProjectRepo(repo: NonProjectInput, readme?: string | null): string | null {
  const assessment = readme === undefined ? assessMetadata(repo) : assessReadme(repo, readme);
  return assessment.verdict === "drop" ? assessment.reason : null;
}

/**
 * The filter's first stage, before the details are fetched: the reason when the metadata alone clearly
 * shows a non-project, null otherwise (a doubtful case is judged again with its tree and README).
 */
export function screenBeforeDetails(repo: NonProjectInput): string | null {
  const assessment = assessMetadata(repo);
  return isFinalWithoutDetails(assessment) ? assessment.reason : null;
}
