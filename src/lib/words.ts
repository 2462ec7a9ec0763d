const pluralRules = new Intl.PluralRules("en");

/** The noun form that goes with a count: `pluralize(1, "issue", "issues")` is "issue", for 0 and 2 "issues". */
export function pluralize(count: number, one: string, other: string): string {
  return pluralRules.select(count) === "one" ? one : other;
}

/** A count followed by its noun, e.g. "1 good first issue", "1,200 open issues" with a formatted number. */
export function formatCountOf(
  count: number,
  one: string,
  other: string,
  formatNumber: (value: number) => string = String,
): string {
  return `${formatNumber(count)} ${pluralize(count, one, other)}`;
}

/** Upper-cases the first letter unless the word is already mixed case ("gRPC" stays "gRPC"). */
export function capitalize(text: string): string {
  return /^[a-z][A-Z]/.test(text) ? text : text.charAt(0).toUpperCase() + text.slice(1);
}
