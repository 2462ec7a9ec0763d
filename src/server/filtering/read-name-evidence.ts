import { headFirstSoftwareName, nameWordCues, type NameCue } from "@/server/filtering/non-project-cues";
import { LATER_CUE_FACTOR, type Evidence } from "@/server/filtering/non-project-evidence";

const exampleFirst = /^(?:example|examples|sample|samples|demo|demos)$/;
/** The singular as well: "mediapipe-python-sample" is one sample of what its first words name. */
const examplesLast = /^(?:examples?|samples?|demos?|recipes|quickstarts)$/;
/** "godot-demo-projects", "flutter-sample-apps": whole projects, each an example. */
const examplesOfProjects = /^(?:demo|sample|example)-(?:projects|apps)$/;
const localeCodes = "zh|cn|zhcn|zh_cn|tw|zhtw|ja|jp|ko|kr|ru|vn|vi|ptbr|pt_br|fr|de|tr|ua|pl";
export const localeSegment = new RegExp(`^(?:${localeCodes})$`);
/** Codes that are also words or suffixes ("lodash-es", "just-do-it"), read as a locale only beside a text. */
export const ambiguousLocaleSegment = /^(?:es|it|pt|id|br)$/;
const languageNames =
  "korean|chinese|japanese|vietnamese|russian|spanish|portuguese|german|french|turkish|ukrainian|persian|indonesian|tieng-viet|em-portugues|en-espanol|na-russkom";
const languageNameEnd = new RegExp(`-(?:${languageNames})$`);
/** "Machine-Learning-Yearning-Vietnamese-Translation", "sicp-zh-translation": a translation says so. */
const languageTranslationEnd = new RegExp(`-(?:${languageNames}|${localeCodes})-translations?$`);
const localeSubdomain = /^[a-z]{2}(?:-[a-z]{2})?\.[\w-]+\.(?:org|dev|io|com|info|net)$/i;
const textSegment = /^(?:book|books|docs|documentation|guide|handbook|tutorial|course|manual|reference)$/;
const packageSuffix = /\.(?:js|ts|vim|nvim|el|jl|py|rb|kt|lua)$/i;
/** Teaching phrases that are unambiguous even run together in one lower-case word: "gobyexample". */
const concatenatedShape = /byexample|forbeginners|fromscratch|thehardway|zerotohero|\d+daysof/;

const pluginHost =
  /^(?:vscode|vim|nvim|neovim|emacs|sublime|atom|obsidian|alfred|raycast|jetbrains|intellij|chrome|firefox|moodle|anki)$/;
/** What a plugin cannot be named for: "vscode-extension-samples" and "vim-is-hard-lessons" are texts. */
const materialHead =
  /^(?:examples?|samples?|demos?|lessons?|tutorials?|course|guide|galore|book|notes|docs|handbook|cookbook|recipes|commentary)$/;

/**
 * A tool's package families, named by the tool and the kind of package first: "eslint-config-rocketseat",
 * "gatsby-theme-blog", "babel-preset-env". What follows names the package, whatever its words.
 */
const packageFamilyName =
  /^(?:eslint|prettier|stylelint|babel|commitlint|tslint|gatsby|vite|rollup|webpack|vuepress|docusaurus|hexo|jekyll|hugo|remark|rehype|postcss|terraform|nuxt|tailwindcss|markdownlint)-(?:config|plugin|preset|theme|provider|loader|source|transformer|module|rules?)(?:-|$)/;

function isPluginName(segments: readonly string[]): boolean {
  return (
    segments.length >= 2 && pluginHost.test(segments[0] ?? "") && !materialHead.test(segments.at(-1) ?? "")
  );
}

/** Separator segments, lower-cased: `Awesome_Go` → ["awesome", "go"]; camelCase stays whole. */
export function splitNameSegments(name: string): string[] {
  return name
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((segment) => segment !== "");
}

/** Camel-case and digit runs split too, "30DaysOfJS" → "30-days-of-js", for the shape patterns only. */
export function splitCamelCaseWords(name: string): string {
  return name
    .replace(/([a-z])([A-Z])/g, "$1-$2")
    .replace(/([A-Z]+)([A-Z][a-z])/g, "$1-$2")
    .replace(/([A-Za-z])(\d)/g, "$1-$2")
    .replace(/(\d)([A-Za-z])/g, "$1-$2")
    .toLowerCase()
    .split(/[-_.\s]+/)
    .filter((word) => word !== "")
    .join("-");
}

export function readNameEvidence(name: string): Evidence[] {
  const evidence: Evidence[] = [];
  const segments = splitNameSegments(name);
  if (segments[0] === "awesome" && segments.length > 1) {
    evidence.push({ kind: "link-list", source: "name", weight: 2, text: `named '${name}'` });
  }
  const words = segments.join("-");
  const camelCaseWords = splitCamelCaseWords(name);
  // "cs231n.github.io", and "gopl-zh.github.com" as Pages were first named: GitHub Pages serve a site from a
  // repository so named, pages rather than a program.
  if (/\.github\.(?:io|com)$/i.test(name))
    evidence.push({
      kind: "learning",
      source: "name",
      weight: 1.5,
      text: `a GitHub Pages site`,
      flavour: "guide",
    });
  // "progit2-ja", "vi.react.dev", "rust-book-es": a text translated into one language is named by its
  // locale. Codes that are also words or package suffixes ("it", "es" of lodash-es, "ar") count only
  // beside a word for a text.
  const [first, last] = [segments[0] ?? "", segments.at(-1) ?? ""];
  // A site per language is named by its subdomain: "br.vuejs.org", "es.react.dev".
  const namesAText = segments.some((segment) => textSegment.test(segment)) || localeSubdomain.test(name);
  const isLocale = (segment: string) =>
    localeSegment.test(segment) || (namesAText && ambiguousLocaleSegment.test(segment));
  // "translated-content": what a translation project calls its text.
  const saysTranslated = segments.includes("translated") || languageTranslationEnd.test(words);
  // "Swift-Docs-Korean", "redux-in-chinese", "Clean-Code-Tieng-Viet": the language named in full, last.
  const namesLanguage = languageNameEnd.test(words);
  if (segments.length >= 2 && (isLocale(last) || isLocale(first) || saysTranslated))
    evidence.push({
      kind: "learning",
      source: "name",
      weight: 1,
      text: `named '${name}' after a locale`,
      flavour: "translation",
    });
  // Only a hint: a program's UI translated into a language is named the same way ("kobo-tieng-viet").
  else if (segments.length >= 2 && namesLanguage)
    evidence.push({
      kind: "learning",
      source: "name",
      weight: 0.75,
      text: `named '${name}' after a language`,
      flavour: "translation",
    });
  // "reveal.js", "leetcode.vim", "Pkg.jl": the package-naming convention of an ecosystem. "vscode-leetcode"
  // and "alfred-leetcode" follow the other one: a plugin named for its host, then for what it works on.
  const packageFamily = packageFamilyName.test(words);
  if (packageSuffix.test(name) || isPluginName(segments) || packageFamily)
    evidence.push({ kind: "software", source: "name", weight: 1.5, text: `named '${name}'` });
  if (concatenatedShape.test(segments.join("")))
    evidence.push({
      kind: "learning",
      source: "name",
      weight: 1.5,
      text: `named '${name}'`,
      flavour: "tutorial",
    });
  // Names put the head noun last, as English compounds do: "leetcode-cli" is a CLI, "app-ideas" a set of
  // ideas. A noun cue on the last segment names the thing; a noun cue of another kind before it is only
  // what the thing is about. Manner cues ("30-days-of-", "-for-beginners", "learn-") hold anywhere.
  const nouns: Array<{ cue: NameCue; isHead: boolean }> = [];
  // A version after the head noun does not replace it: "aoc-cli-2.0" is a CLI.
  const headEnd = words.replace(/(?:-v?\d+)+$/, "").length || words.length;
  for (const [pattern, cue] of nameWordCues) {
    const shaped = cue.shape === true && pattern.test(camelCaseWords);
    if (!pattern.test(words) && !shaped) continue;
    if (cue.role === "manner") {
      evidence.push(buildNameEvidence(name, cue, cue.weight));
      continue;
    }
    const global = new RegExp(pattern.source, "g");
    const isHead = [...words.matchAll(global)].some(
      (match) => match.index + match[0].replace(/-$/, "").length === headEnd,
    );
    nouns.push({ cue, isHead });
  }
  // "example-voting-app", "sample-spring-api": the name is an example of the thing it goes on to name.
  // A name that ends in examples already has its head noun read above.
  const namesAnExample = startsWithExample(segments);
  if (namesAnExample)
    evidence.push({
      kind: "learning",
      source: "name",
      weight: HEAD_NOUN_WEIGHT,
      text: `named '${name}'`,
      flavour: "examples",
    });
  const headFirst = headFirstSoftwareName.test(words) || packageFamily;
  const headNoun = nouns.find((noun) => noun.isHead)?.cue.kind;
  const headKind = namesAnExample ? "learning" : headFirst ? "software" : headNoun;
  for (const { cue, isHead } of nouns) {
    const isModifier =
      headKind !== undefined &&
      (namesAnExample || headFirst || !isHead) &&
      (cue.kind === "software") !== (headKind === "software");
    const weight = isModifier
      ? cue.weight * LATER_CUE_FACTOR
      : isHead && cue.kind !== "software"
        ? HEAD_NOUN_WEIGHT
        : cue.weight;
    evidence.push(buildNameEvidence(name, cue, weight));
  }
  return evidence;
}

/** A learning or list noun that heads the name ("go-exercises", "notebooks") says more than a modifier. */
const HEAD_NOUN_WEIGHT = 2;

function buildNameEvidence(name: string, cue: NameCue, weight: number): Evidence {
  return { kind: cue.kind, source: "name", weight, text: `named '${name}'`, flavour: cue.flavour };
}

/**
 * "example-voting-app": an example of what the rest of the name says; "node-addon-examples", "examples":
 * examples of what the name's first words say.
 */
export function isExampleName(name: string): boolean {
  const segments = splitNameSegments(name);
  const words = splitCamelCaseWords(name).split("-");
  return (
    startsWithExample(segments) ||
    examplesLast.test(words.at(-1) ?? "") ||
    examplesOfProjects.test(words.slice(-2).join("-"))
  );
}

/** What a study collection is implemented in, trailing its name: "design-patterns-typescript", "LeetCode-in-Java". */
const implementedIn =
  /^(?:in|with|using|by|fsharp|f|sharp|java|javascript|js|typescript|ts|python|python3|py|go|golang|rust|c|cpp|csharp|cs|kotlin|swift|php|ruby|scala|dart|haskell|elixir|clojure|ocaml|lua|julia|r|node|nodejs|es6|swiftui)$/;
const studyCollectionHead =
  /^(?:algorithms?|data-structures|datastructures|dsa|design-patterns|designpatterns|patterns|data-structure|leetcode|exercises|solutions|homework|homeworks|assignments|katas|koans|problems|challenges)$/;

/**
 * "design-patterns-typescript", "Yandex-Algorithms", "LeetCode-in-Java": a collection of implementations
 * kept for study, named for what it collects. Each one runs, so the collection builds like software. A
 * tool names itself after what it does to them ("leetcode-cli", "algorithm-visualizer").
 */
export function isStudyCollectionName(name: string): boolean {
  const words = splitCamelCaseWords(name).split("-");
  while (words.length > 1 && implementedIn.test(words.at(-1) ?? "")) words.pop();
  const head = words.at(-1) ?? "";
  const lastTwo = words.slice(-2).join("-");
  return studyCollectionHead.test(head) || studyCollectionHead.test(lastTwo);
}

function startsWithExample(segments: readonly string[]): boolean {
  return segments.length >= 2 && exampleFirst.test(segments[0] ?? "");
}
