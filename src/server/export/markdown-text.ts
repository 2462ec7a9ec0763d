/**
 * Text from READMEs, issue titles and the analyzer is data. In a Markdown report it must read as the words
 * it is, never as headings, lists, links, images, HTML, code, tables or math, whatever characters it holds.
 */

// The ASCII punctuation CommonMark and GitHub give an inline meaning to: code, emphasis, links and images,
// autolinks and HTML, entities, strikethrough (~), table cells (|), math ($), and the ":" and "@" of
// "https://…" and "user@host" autolinks. CommonMark lets any ASCII punctuation be backslash-escaped, so
// escaping these never shows a stray backslash.
const INLINE_SPECIAL = /[\\`*_{}[\]()#|<>~&$:@!]/g;
// "www." starts an autolink too; its dot is escaped rather than every dot of the text.
const WWW_DOT = /\b(www)\./gi;
// What would start a block if the text began a line: a list item ("-", "+", "1."), a heading underline.
const LEADING_BLOCK_MARKER = /^([-+=]|\d+[.)])/;
// Line breaks of every kind, and the other control characters: one line of text stays one line.
// eslint-disable-next-line no-control-regex -- matching control characters is the point of this pattern
const LINE_BREAKS_AND_CONTROLS = /[\u0000-\u001f\u007f\u0085\u2028\u2029]+/g;

/** One line of untrusted text, safe anywhere in a line of a Markdown document, its start included. */
export function escapeMarkdownText(text: string): string {
  return text
    .replace(LINE_BREAKS_AND_CONTROLS, " ")
    .replace(/\s{2,}/g, " ")
    .trim()
    .replace(INLINE_SPECIAL, (char) => `\\${char}`)
    .replace(WWW_DOT, "$1\\.")
    .replace(LEADING_BLOCK_MARKER, (marker) => `${marker.slice(0, -1)}\\${marker.slice(-1)}`);
}

/**
 * A link destination in angle brackets, where only `<`, `>` and line breaks could end it; the URL parser
 * percent-encodes those in any href it returns, and they are encoded here too whatever the href.
 */
export function toMarkdownDestination(href: string): string {
  return `<${href.replace(/[<>\s]/g, (char) => encodeURIComponent(char))}>`;
}
