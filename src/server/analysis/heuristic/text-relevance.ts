/**
 * Text relevance for the built-in analyzer: a tokenizer with stop-words and light stemming, and Okapi
 * BM25 scored over a small set of documents (one analysis batch). Small enough to own, and fully
 * deterministic.
 */

const englishStopWords: ReadonlySet<string> = new Set(
  (
    "a about above after again against all also am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each etc few for from further get gets got had has " +
    "have having he her here hers herself him himself his how i if in into is it its itself just let lets like " +
    "make makes me more most much must my myself no nor not now of off on once only or other our ours " +
    "ourselves out over own same she should so some such than that the their theirs them themselves then there " +
    "these they this those through to too under until up us use used uses using very via was we were what when " +
    "where which while who whom why will with within without would you your yours yourself yourselves"
  ).split(" "),
);

/** Spellings that the character split would otherwise destroy ("c++" → "c"), matched in one pass. */
const symbolSpellings: ReadonlyMap<string, string> = new Map([
  ["c++", " cpp "],
  ["c#", " csharp "],
  ["f#", " fsharp "],
  [".net", " dotnet "],
  ["node.js", " nodejs "],
]);
const symbolSpellingPattern = /c\+\+|[cf]#|\.net\b|node\.js\b/g;

/**
 * A light suffix stripper: it only has to map the forms a goal and a README are likely to share
 * ("networking"/"network", "libraries"/"library", "parse"/"parsing") to one key, applied to both sides.
 */
export function stemWord(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let stem = word;
  if (stem.endsWith("ies") && stem.length > 4) stem = `${stem.slice(0, -3)}y`;
  else if (stem.endsWith("sses")) stem = stem.slice(0, -2);
  else if (stem.endsWith("ing") && stem.length >= 7) stem = stem.slice(0, -3);
  else if (stem.endsWith("ed") && stem.length >= 6) stem = stem.slice(0, -2);
  else if (stem.endsWith("s") && !/(?:ss|us|is|js)$/.test(stem) && stem.length >= 4) stem = stem.slice(0, -1);
  // "running" → "runn" → "run"; "caching" → "cach" and "cache" → "cach" below.
  if (/([b-df-hj-np-tv-z])\1$/.test(stem) && !/(?:ll|ss|zz)$/.test(stem) && stem.length > 3)
    stem = stem.slice(0, -1);
  if (stem.endsWith("e") && stem.length >= 5) stem = stem.slice(0, -1);
  return stem;
}

export type Token = { stem: string; surface: string };

/**
 * Like `tokenizeText`, but keeps each token's lowercased surface form, so a reason can quote the word
 * the developer wrote ("networking") rather than its stem ("network").
 */
export function tokenizeTextWithSurface(
  text: string,
  options: { extraStopWords?: ReadonlySet<string> } = {},
): Token[] {
  const cleaned = text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/https?:\/\/\S+/g, " ")
    .replace(/<[^>]{0,200}>/g, " ")
    .replace(symbolSpellingPattern, (spelling) => symbolSpellings.get(spelling) ?? " ");
  // A README repeats a small vocabulary many times; stemming each distinct word once keeps 50 READMEs
  // of 16,000 characters well under a second.
  const stems = new Map<string, string | null>();
  const tokens: Token[] = [];
  for (const raw of cleaned.split(/[^\p{L}\p{N}]+/u)) {
    let stem = stems.get(raw);
    if (stem === undefined) {
      const dropped =
        raw.length < 2 ||
        raw.length > 40 ||
        englishStopWords.has(raw) ||
        /^\d+$/.test(raw) ||
        options.extraStopWords?.has(raw);
      stem = dropped ? null : stemWord(raw);
      if (stem !== null && options.extraStopWords?.has(stem)) stem = null;
      stems.set(raw, stem);
    }
    if (stem !== null) tokens.push({ stem, surface: raw });
  }
  return tokens;
}

/** Lowercases, drops URLs, markup and stop-words, splits on anything but letters and digits, and stems. */
export function tokenizeText(text: string, options: { extraStopWords?: ReadonlySet<string> } = {}): string[] {
  return tokenizeTextWithSurface(text, options).map((token) => token.stem);
}

export type Bm25Options = {
  /** Term-frequency saturation; 1.2 is the customary default. */
  k1?: number;
  /** Length normalisation; 0.75 is the customary default. */
  b?: number;
};

export type Bm25Match = {
  /** Raw Okapi BM25 score. */
  score: number;
  /**
   * The score divided by the best score any document could reach for this query in this collection
   * (every query term present at saturation, at average length): 0..1, comparable across queries.
   */
  normalized: number;
  /** Distinct query terms that occur in the document, in query order. */
  matchedTerms: string[];
};

/**
 * Scores every document against the query with Okapi BM25. Inputs are token lists (see `tokenizeText`),
 * so the caller decides once how text is tokenised. Repeated query terms count once.
 */
export function scoreBm25(options: {
  queryTerms: readonly string[];
  documents: readonly (readonly string[])[];
  k1?: number;
  b?: number;
}): Bm25Match[] {
  const { documents } = options;
  const k1 = options.k1 ?? 1.2;
  const b = options.b ?? 0.75;
  const queryTerms = [...new Set(options.queryTerms)];
  const documentCount = documents.length;
  if (documentCount === 0) return [];

  const termCounts = documents.map((tokens) => {
    const counts = new Map<string, number>();
    for (const token of tokens) counts.set(token, (counts.get(token) ?? 0) + 1);
    return counts;
  });
  const averageLength = documents.reduce((sum, tokens) => sum + tokens.length, 0) / documentCount || 1;

  // The "+1" form of IDF stays positive even for a term in every document, so a common goal word still
  // counts a little instead of subtracting.
  const idf = new Map<string, number>();
  for (const term of queryTerms) {
    const containing = termCounts.reduce((sum, counts) => sum + (counts.has(term) ? 1 : 0), 0);
    idf.set(term, Math.log(1 + (documentCount - containing + 0.5) / (containing + 0.5)));
  }
  const bestPossible = queryTerms.reduce((sum, term) => sum + (idf.get(term) ?? 0) * (k1 + 1), 0);

  return documents.map((tokens, index) => {
    const counts = termCounts[index] ?? new Map<string, number>();
    const lengthFactor = k1 * (1 - b + (b * tokens.length) / averageLength);
    let score = 0;
    const matchedTerms: string[] = [];
    for (const term of queryTerms) {
      const frequency = counts.get(term) ?? 0;
      if (frequency === 0) continue;
      matchedTerms.push(term);
      score += ((idf.get(term) ?? 0) * frequency * (k1 + 1)) / (frequency + lengthFactor);
    }
    const normalized = bestPossible > 0 ? Math.min(1, score / bestPossible) : 0;
    return { score, normalized, matchedTerms };
  });
}
