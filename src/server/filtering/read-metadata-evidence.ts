import {
  LATER_CUE_FACTOR,
  type Evidence,
  type NonProjectInput,
} from "@/server/filtering/non-project-evidence";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";
import { readSelfDescription } from "@/server/filtering/read-description-shape";
import { readLanguageEvidence } from "@/server/filtering/read-language-evidence";
import { readNameEvidence } from "@/server/filtering/read-name-evidence";
import { readOwnerEvidence } from "@/server/filtering/read-owner-evidence";
import { readTopicEvidence } from "@/server/filtering/read-topic-evidence";

/** Everything the metadata says, before any README is fetched. */
export function readMetadataEvidence(repo: NonProjectInput): Evidence[] {
  const description = [
    ...readDescriptionEvidence(repo.description),
    ...readSelfDescription(repo.name, repo.description),
  ];
  // Topics name a domain as often as an artifact: an LMS is tagged `education` and `homework`. When the
  // description says plainly that the repository is software, learning topics tell only its domain.
  const sum = (kinds: ReadonlyArray<Evidence["kind"]>) =>
    description.filter((item) => kinds.includes(item.kind)).reduce((total, item) => total + item.weight, 0);
  const describedAsSoftware = sum(["software"]) >= 2 && sum(["software"]) > sum(["learning", "link-list"]);
  const topics = readTopicEvidence(repo.topics, repo.name).map((item) =>
    describedAsSoftware && item.kind === "learning"
      ? { ...item, weight: item.weight * DOMAIN_TOPIC_FACTOR }
      : item,
  );
  // An owner of examples or documentation names each repository after what it demonstrates or documents
  // ("Azure-Samples/…-speech-sdk", "MicrosoftDocs/PowerShell-Docs").
  const owner = readOwnerEvidence(repo.owner);
  const name = readNameEvidence(repo.name).map((item) =>
    owner.length > 0 && item.kind === "software" ? { ...item, weight: item.weight * LATER_CUE_FACTOR } : item,
  );
  return [...name, ...owner, ...description, ...topics, ...readLanguageEvidence(repo)];
}

/** How much a learning topic still counts on a repository that describes itself as software. */
const DOMAIN_TOPIC_FACTOR = 0.5;
