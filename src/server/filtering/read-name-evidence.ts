import {
  headFirstSoftwareName,
  nameWordCues,
  type LearningFlavour,
  type NameCue,
} from "@/server/filtering/non-project-cues";
import { LATER_CUE_FACTOR, type Evidence } from "@/server/filtering/non-project-evidence";

const exampleFirst = /^(?:example|examples|sample|samples|demo|demos)$/;
/** The singular as well: "mediapipe-python-sample" is one sample of what its first words name. */
const examplesLast = /^(?:examples?|samples?|demos|recipes|quickstarts)$/;
/** "godot-demo-projects", "flutter-sample-apps": whole projects, each an example. */
const examplesOfProjects = /^(?:demo|sample|example)-(?:projects|apps)$/;
const localeSegment = /^(?:zh|cn|zhcn|zh_cn|tw|zhtw|ja|jp|ko|kr|ru|vn|vi|ptbr|pt_br|fr|de|tr|ua|pl)$/;
/** Codes that are also words or suffixes ("lodash-es", "just-do-it"), read as a locale only beside a text. */
const ambiguousLocaleSegment = /^(?:es|it|pt|id|br)$/;
const languageNameEnd =
  /-(?:korean|chinese|japanese|vietnamese|russian|spanish|portuguese|german|french|turkish|ukrainian|persian|indonesian|tieng-viet|em-portugues|en-espanol|na-russkom)$/;
const localeSubdomain = /^[a-z]{2}(?:-[a-z]{2})?\.[\w-]+\.(?:org|dev|io|com|info|net)$/i;
const textSegment = /^(?:book|books|docs|documentation|guide|handbook|tutorial|course|manual|reference)$/;
const packageSuffix = /\.(?:js|ts|vim|nvim|el|jl|py|rb|kt|lua)$/i;
/** Teaching phrases that are unambiguous even run together in one lower-case word: "gobyexample". */
const concatenatedShape = /byexample|forbeginners|fromscratch|thehardway|zerotohero|\d+daysof/;

const pluginHost =
  /^(?:vscode|vim|nvim|neovim|emacs|sublime|atom|obsidian|alfred|raycast|jetbrains|intellij|chrome|firefox)$/;
/** What a plugin cannot be named for: "vscode-extension-samples" and "vim-is-hard-lessons" are texts. */
const materialHead =
  /^(?:examples?|samples?|demos?|lessons?|tutorials?|course|guide|galore|book|notes|docs|handbook|cookbook|recipes|commentary)$/;

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
function splitCamelCaseWords(name: string): string {
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
  // "cs231n.github.io": GitHub Pages serve a site from a repository so named, pages rather than a program.
  if (/\.github\.io$/i.test(name))
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
  const saysTranslated = segments.includes("translated");
  // "Swift-Docs-Korean", "redux-in-chinese", "Clean-Code-Tieng-Viet": the language named in full, last.
  const namesLanguage = languageNameEnd.test(segments.join("-"));
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
  if (packageSuffix.test(name) || isPluginName(segments))
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
  const headFirst = headFirstSoftwareName.test(words);
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
 * An owner that names what it publishes: "Azure-Samples", "aws-samples", "dockersamples", "spring-guides",
 * "TheAlgorithms".
 * Only nouns of an artefact count; a school or an academy also publishes software.
 */
const ownerOfExamples = /(?:samples|examples|demos|tutorials|workshops|exercises|katas|guides|algorithms)$/;

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

/** "Azure-Samples" → "azuresamples", "docker_samples" → "dockersamples": owners write the noun either way. */
function ownerWords(owner: string): string {
  return owner.toLowerCase().replace(/[-_.]/g, "");
}

export function isOwnerOfExamples(owner: string | undefined): boolean {
  return owner !== undefined && ownerOfExamples.test(ownerWords(owner));
}

/**
 * "woowacourse", "dabeaz-course", "rocketseat-education", "hexlet-basics": an organisation named for what
 * it teaches keeps its course's projects and its students' missions. It also keeps the platform that
 * serves them, so this is a hint. GitHub's own "education" organisation publishes tools, and "discourse"
 * is a word of its own.
 */
const ownerOfCourse = /.(?:(?<!dis|re|con|inter)courses?|education|basics|bootcamp|lessons|training)$/;

function isOwnerOfCourse(owner: string | undefined): boolean {
  return owner !== undefined && ownerOfCourse.test(ownerWords(owner));
}

/** "vuejs-kr", "rust-lang-ja", "LearnOpenGL-CN": a community that keeps a project in its language. */
export function isLocaleOwner(owner: string | undefined): boolean {
  if (owner === undefined) return false;
  const segments = splitNameSegments(owner);
  if (segments.length < 2) return false;
  const [first, last] = [segments[0] ?? "", segments.at(-1) ?? ""];
  return [first, last].some((segment) => localeSegment.test(segment) || ambiguousLocaleSegment.test(segment));
}

/**
 * "azure-docs", "dotnet/docs", "AspNetCore.Docs": a documentation repository, whose build serves the text.
 * Or kept by a documentation organisation ("MicrosoftDocs").
 */
export function isDocumentationRepository(name: string, owner: string | undefined): boolean {
  return /^(?:docs|documentation)$/.test(splitNameSegments(name).at(-1) ?? "") || isOwnerOfDocs(owner);
}

/** "MicrosoftDocs", "azure-docs": an organisation of documentation; "mkdocs" and "readthedocs" are tools. */
function isOwnerOfDocs(owner: string | undefined): boolean {
  return owner !== undefined && splitCamelCaseWords(owner).split("-").at(-1) === "docs";
}

/**
 * Technical publishers keep one repository per book, of its listings: PacktPublishing and Apress alone
 * hold thousands, and every one is a book's companion code whatever it is named.
 */
const bookPublishers = new Set([
  "packtpublishing",
  "apress",
  "oreillymedia",
  "oreillyjapan",
  "nostarch",
  "nostarchpress",
  "pragprog",
  "manningpublications",
  "bpbpublications",
  "wroxpress",
  "wikibook",
  "gilbutitbook",
  "hanbitmedia",
  "jpub",
  "ohmsha",
  "anayamultimedia",
]);

export function isBookPublisher(owner: string | undefined): boolean {
  return owner !== undefined && bookPublishers.has(ownerWords(owner));
}

export function readOwnerEvidence(owner: string | undefined): Evidence[] {
  if (owner === undefined) return [];
  const ownedBy = (weight: number, flavour: LearningFlavour, text = `owned by '${owner}'`): Evidence[] => [
    { kind: "learning", source: "name", weight, text, flavour },
  ];
  if (isBookPublisher(owner)) return ownedBy(2, "book", `owned by '${owner}', a publisher`);
  // A study group keeps its members' notes and exercises: "devSquad-study", "Devpeople-study".
  if (/(?:study|studies|studygroup)$/.test(ownerWords(owner))) return ownedBy(1.5, "notes");
  if (isOwnerOfDocs(owner)) return ownedBy(1.5, "guide");
  if (isOwnerOfCourse(owner)) return ownedBy(1, "course");
  // "vuejs-translations": an organisation of translators keeps translated texts.
  if (/(?:translations?|translators?|l10n|locali[sz]ation)$/.test(ownerWords(owner)))
    return ownedBy(1.5, "translation");
  if (!isOwnerOfExamples(owner)) return [];
  return ownedBy(1.5, /(?:tutorials|workshops|guides)$/.test(ownerWords(owner)) ? "tutorial" : "examples");
}
