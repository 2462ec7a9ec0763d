/**
 * Lowercase, accent-free words for text matching. Latin text splits into alphanumeric words; runs of other
 * scripts (Japanese, Chinese…) stay whole and are matched by substring, as they have no spaces.
 * `splitCamelCase` also breaks "awesomeApp" into "awesome app".
 */
export function toWords(text: string, options: { splitCamelCase?: boolean } = {}): string[] {
  const spaced = options.splitCamelCase ? text.replace(/([a-z0-9])([A-Z])/g, "$1 $2") : text;
  const folded = spaced.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase();
  return folded.match(/[a-z0-9]+|[^\sa-z0-9\p{P}\p{S}\p{C}]+/gu) ?? [];
}

export function normalizeText(text: string): string {
  return toWords(text).join(" ");
}
