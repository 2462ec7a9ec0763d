import { z } from "./zod";

/** Trims each entry, drops blanks and keeps the first spelling of case-insensitive duplicates. */
export function cleanTagList(values: string[]): string[] {
  const seen = new Set<string>();
  const cleaned: string[] = [];
  for (const value of values) {
    const trimmed = value.trim();
    const key = trimmed.toLowerCase();
    if (trimmed === "" || seen.has(key)) continue;
    seen.add(key);
    cleaned.push(trimmed);
  }
  return cleaned;
}

export function tagList(options: {
  noun: string;
  maxItems: number;
  maxChars: number;
  minItems: number;
  tooFew: string;
}) {
  const { noun, maxItems, maxChars, minItems, tooFew } = options;
  return z
    .array(z.string({ error: `Each ${noun} must be text` }), { error: `${noun}s must be a list` })
    .transform(cleanTagList)
    .pipe(
      z
        .array(z.string().max(maxChars, `Each ${noun} must be at most ${maxChars} characters`))
        .min(minItems, tooFew)
        .max(maxItems, `Add at most ${maxItems} ${noun}s`),
    );
}
