/** One word, "quoted phrase" or key:value qualifier of a search string, with its leading `-` read off. */
export type SearchToken = { negated: boolean; key: string | null; value: string; quoted: boolean };

/** Splits on whitespace, keeping "quoted phrases" and key:"quoted values" whole. */
export function tokenizeSearchQuery(query: string): SearchToken[] {
  const tokens: SearchToken[] = [];
  let index = 0;
  while (index < query.length) {
    while (index < query.length && /\s/.test(query.charAt(index))) index += 1;
    if (index >= query.length) break;

    let negated = false;
    if (query.charAt(index) === "-" && index + 1 < query.length && !/\s/.test(query.charAt(index + 1))) {
      negated = true;
      index += 1;
    }
    if (query.charAt(index) === '"') {
      const end = query.indexOf('"', index + 1);
      const stop = end === -1 ? query.length : end;
      tokens.push({ negated, key: null, value: query.slice(index + 1, stop), quoted: true });
      index = stop + 1;
      continue;
    }

    let word = "";
    let key: string | null = null;
    let quoted = false;
    while (index < query.length && !/\s/.test(query.charAt(index))) {
      const char = query.charAt(index);
      if (char === ":" && key === null && /^[a-z-]+$/i.test(word)) {
        key = word.toLowerCase();
        word = "";
        index += 1;
        if (query.charAt(index) === '"') {
          const end = query.indexOf('"', index + 1);
          const stop = end === -1 ? query.length : end;
          word = query.slice(index + 1, stop);
          quoted = true;
          index = stop + 1;
          break;
        }
        continue;
      }
      word += char;
      index += 1;
    }
    tokens.push({ negated, key, value: word, quoted });
  }
  return tokens;
}
