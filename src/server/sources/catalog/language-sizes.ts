import { createRandom, hashSeed } from "./seeded-random";

/**
 * Bytes of code per language, as GitHub's `languages { edges { size } totalSize }` reports them. Linguist
 * counts programming and markup languages (Jupyter Notebook, HTML, CSS) but not prose, so Markdown never
 * appears, and a list of links has almost no code at all. The primary language is the largest, as on
 * GitHub, whose primaryLanguage is the language with the most bytes.
 */

export type LanguageSize = { name: string; size: number };

/** What the repository mostly is, which decides how much of it is code. */
export type LanguageMix = "code" | "learning" | "list";

/** Markup that tutorials, courses and examples carry next to their code. */
export function learningCompanions(primaryLanguage: string): string[] {
  if (primaryLanguage === "Python" || primaryLanguage === "R" || primaryLanguage === "Julia")
    return ["Jupyter Notebook", "HTML"];
  if (primaryLanguage === "Jupyter Notebook") return ["Python", "HTML"];
  return ["HTML", "CSS"];
}

export function assignLanguageSizes(options: {
  seed: number;
  githubId: number;
  /** Primary first, as RepoMetadata.languages lists them. */
  languages: readonly string[];
  stars: number;
  mix: LanguageMix;
}): LanguageSize[] {
  const { languages, stars, mix } = options;
  if (languages.length === 0) return [];
  const random = createRandom(hashSeed(options.seed, "languages", options.githubId));
  // A few KB of helper scripts for a list; tens of KB to tens of MB of code otherwise, growing with stars.
  const total =
    mix === "list"
      ? random.int(800, 12_000)
      : Math.round(Math.exp(Math.log(60_000 + Math.sqrt(stars) * 4_000) + 0.9 * random.normal()));
  // The primary's share: dominant in code, barely ahead in learning material (the rest is notebooks/HTML).
  const primaryShare =
    languages.length === 1 ? 1 : mix === "learning" ? 0.36 + 0.1 * random.next() : 0.6 + 0.35 * random.next();
  const shares = [primaryShare];
  let left = 1 - primaryShare;
  for (let index = 1; index < languages.length; index += 1) {
    const share = index === languages.length - 1 ? left : left * (0.55 + 0.3 * random.next());
    // Never let a companion outgrow the primary, or GitHub would name it primary instead.
    const capped = Math.min(share, (shares[index - 1] ?? primaryShare) * 0.98);
    shares.push(capped);
    left -= capped;
  }
  return languages.map((name, index) => ({
    name,
    size: Math.max(1, Math.round(total * (shares[index] ?? 0))),
  }));
}
