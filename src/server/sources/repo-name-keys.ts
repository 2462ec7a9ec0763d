/** A repository's "owner/name" in the one letter case: GitHub's names ignore case. */
export function toRepoNameKey(repo: { owner: string; name: string }): string {
  return `${repo.owner}/${repo.name}`.toLowerCase();
}

/** "owner/name" names in toRepoNameKey's form, for case-insensitive lookups. */
export function toRepoNameKeys(names: Iterable<string> | undefined): Set<string> {
  return new Set([...(names ?? [])].map((name) => name.toLowerCase()));
}
