import type { Cue, EvidenceKind, LearningFlavour, TopicCue } from "@/server/filtering/cue-types";
import {
  multilingualDescriptionCues,
  multilingualLearningFields,
} from "@/server/filtering/multilingual-cues";
import { withUnicodeWords } from "@/server/filtering/tokenize-text";

/**
 * The vocabulary of the non-project detector: which words in a repository's name, description and topics
 * argue that it is learning material, a list of links, or software. Weights are evidence, not verdicts:
 * the detector adds them up per kind and drops a repository only when the non-project side clearly wins
 * (see assess-non-project.ts). Strong cues weigh about 2.5, ordinary ones 1.5–2, ambiguous ones 1 or less.
 */

export type { Cue, EvidenceKind, LearningFlavour, TopicCue } from "@/server/filtering/cue-types";

// Every cue is written with ASCII `\b` and `\w` for legibility and read with Unicode word boundaries, so
// that "til" is not found inside the Spanish "útil" nor "app" inside "appé".
const learning = (
  weight: number,
  flavour: LearningFlavour,
  pattern: RegExp,
  role?: "manner" | "verb",
): Cue => ({ kind: "learning", weight, flavour, pattern: withUnicodeWords(pattern), role });
const linkList = (weight: number, pattern: RegExp, role?: "manner"): Cue => ({
  kind: "link-list",
  weight,
  pattern: withUnicodeWords(pattern),
  role,
});
const software = (weight: number, pattern: RegExp): Cue => ({
  kind: "software",
  weight,
  pattern: withUnicodeWords(pattern),
});

/** What tutorials have the reader build: "write a simple interpreter", "let's build a web server". */
const buildableThings = String.raw`interpreter|compiler|database|os|operating system|kernel|shell|(?:web |http |dns )?server|browser|game|engine|emulator|blockchain|git|text editor|editor|(?:programming )?language|vm|virtual machine|ray ?tracer|renderer|search engine|container runtime|container|lisp|bittorrent client|chat ?bot|neural network|transformer|gpt|llm|assembler|linker|debugger|hash table|key-value store|file ?system|network stack|tcp stack|static site generator|framework|library|app|application|clone|bot|web app|website|blog|rest api|api|cli|redis|docker|regex engine|spreadsheet|terminal`;

const numberWord = String.raw`(?:\d+\+?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|twenty-one|thirty|forty|fifty|sixty|ninety|hundred|a hundred|hundreds of|dozens of)`;

/** "12 weeks", "26-lesson", "fifty small HTML, CSS and JavaScript projects": a count of teaching units. */
function countedUnits(nouns: string, weight: number, flavour: LearningFlavour): Cue {
  return learning(
    weight,
    flavour,
    new RegExp(String.raw`\b${numberWord}(?:[\s,-]+[\w+#.'’]+){0,5}?[\s-]+(?:${nouns})\b`, "gi"),
  );
}

/** Languages a text is translated into, as a description names them. */
const languageNames =
  "chinese|simplified chinese|traditional chinese|japanese|korean|russian|spanish|portuguese|brazilian portuguese|vietnamese|french|german|italian|turkish|persian|farsi|arabic|indonesian|thai|polish|ukrainian|hindi|bengali|hebrew|greek|czech|dutch|swedish";

/** A description cue this strong names a translated text outright, whatever builds its site. */
export const TRANSLATED_TEXT_WEIGHT = 3;

/** Code kept to be read: "An annotated implementation of …", "annotated Redis 3.0 source code". */
export const annotatedSource =
  /\bannotated (?:[\w.-]+ ){0,3}?(?:implementation|source(?: code)?|code|edition|version)\b/gi;

/**
 * Follows "sample" or "example" when the word is about statistics or tests, not a repository of examples:
 * "sample size", "example-based testing".
 */
export const notAnExample = String.raw`(?![- ](?:based|size|sizes|rate|rates|data|dataset|datasets|efficient|driven)\b)`;

/** Spanish and Portuguese words for software, as names spell them. */
const romanceSoftwareNames =
  "biblioteca|libreria|herramienta|ferramenta|plataforma|aplicativo|aplicacion|gerenciador|gestor|gerador|generador|conversor";
/**
 * Spanish and Portuguese put the head noun first: "plataforma-estudos" is a platform for studies,
 * "gerenciador-de-cursos" a manager of courses. Only their words for software lead so; an English name
 * that starts with "app-" ("app-ideas") still ends in its head.
 */
export const headFirstSoftwareName = new RegExp(`^(?:${romanceSoftwareNames})(?:-|$)`);
/** Where courses are given, by the names their students file work under ("devops-netology"). */
export const courseProviders =
  "netology|hexlet|htmlacademy|rocketseat|alura|platzi|udemy|coursera|udacity|stepik|skillbox|geekbrains|inflearn|fastcampus|codecademy|datacamp|ironhack|lewagon";
/** What a tool for a course site or a coding-challenge site goes on to call itself: "coursera-dl". */
export const siteToolWords =
  "clone|downloader|dl|scraper|crawler|api|client|app|bot|extension|plugin|cli|sdk|integration";

/**
 * What a singular "solution" solves when it is a problem's answer: "Solution for LeetCode problems". A
 * solution for anything else is a product.
 */
const solvedProblems = String.raw`(?:to|for|of) (?:the |all |every )?(?:[\w-]+ ){0,2}?(?:leetcode|hackerrank|codewars|project euler|advent of code|neetcode|exercism|codeforces|lintcode|atcoder|problems|exercises|puzzles|challenges|katas|homework|assignments)\b`;

/**
 * Description cues. Every pattern is global and case-insensitive; the detector finds every match with its
 * position, because the first cue of a clause names what the repository is and later ones are usually
 * its subject matter ("Linter for awesome lists", "A course on building web servers").
 */
export const descriptionCues: readonly Cue[] = [
  // Curriculum and course phrasing.
  countedUnits("lessons?|lectures?|weeks?|modules|units|quizz?e?s?|labs|assignments|sessions", 2.5, "course"),
  countedUnits("days?", 2.5, "challenge"),
  countedUnits("chapters?", 2, "book"),
  countedUnits("exercises?|problems|challenges|katas|koans|puzzles|projects|programs", 2, "exercises"),
  countedUnits("questions", 2, "interview"),
  countedUnits(
    "habits|tips|tricks|rules|practices|principles|mistakes|ways|things|steps|laws|lessons learned",
    2,
    "guide",
  ),
  learning(3, "course", /\b(?:curriculum|curricula|syllabus)\b/gi),
  learning(2.5, "course", /\b(?:bootcamp|zoomcamp|nanodegree|mooc)\b/gi),
  learning(
    2.5,
    "course",
    /\bcourse\b(?!\s+(?:schedul\w*|catalog\w*|plann\w*|registration|enrol\w*|ratings?|management|hosting|platform|creation|builder|authoring|sites|videos))/gi,
  ),
  learning(
    1.5,
    "course",
    /\b(?:courses|lectures|lecture series|lessons|homework|problem sets|coursework)\b/gi,
  ),
  learning(
    2,
    "course",
    /\b(?:assignments|starter code|labs and|class (?:notes|materials?)|\w+ class on)\b/gi,
  ),
  learning(1, "course", /\b(?:students?|semester|university|universities)\b/gi),
  learning(
    2,
    "course",
    /\b(?:workshops?|codelabs?|slides|webinars?|seminars?|screencasts?|exam prep|certification prep)\b/gi,
  ),
  // "Material" is teaching material, except in design-system names ("Material Design", "Material UI").
  learning(1.5, "course", /\bmaterials?\b(?![\s-]*(?:design|ui|you|theme|icons|components|kit|3)\b)/gi),
  learning(
    2,
    "course",
    /\b(?:study plan|learning (?:path|journey|plan|roadmap)|self-taught|self-study|path to)\b/gi,
  ),
  learning(
    2.5,
    "challenge",
    /\b(?:one (?:day )?a day|(?:one )?day at a time|day[ -]by[ -]day|week[ -]by[ -]week|each day|daily challenge)\b/gi,
  ),
  learning(2, "challenge", /\b\d+\s*days?\s*of\s*\w+|#\d+daysof\w+/gi),
  learning(1.5, "challenge", /\bchallenge\b/gi),

  // Tutorial phrasing.
  learning(2.5, "tutorial", /\btutorials?\b/gi),
  learning(
    2,
    "tutorial",
    /\b(?:walk(?:s|-)?\s?throughs?|walks? you through|hands-on|crash course|primer)\b/gi,
  ),
  learning(
    2,
    "tutorial",
    /\b(?:step[ -]by[ -]step|from scratch|from zero|zero[ -]to[ -](?:hero|mastery)|the hard way|the long way)\b/gi,
    "manner",
  ),
  learning(
    2,
    "tutorial",
    /\b(?:for (?:absolute |complete )?(?:beginners|newcomers|novices|dummies)|beginner-friendly|(?:from )?beginners? to (?:advanced|expert|master|team lead)|basics to advanced)\b/gi,
    "manner",
  ),
  learning(
    2.5,
    "tutorial",
    /^(?:learn|master|study)\b|\blearn(?:ing)? (?:to|how|about|by|the basics)\b|\blearn \w+(?: \w+)? (?:by|with|through|from|in \d+)\b/gi,
    "verb",
  ),
  // The voice of a tutorial: "Let's build a simple interpreter", "Write a simple interpreter of C".
  learning(
    2.5,
    "tutorial",
    new RegExp(
      String.raw`\blet['’]?s (?:build|write|make|create|code|implement|learn|explore|dive into|go through)\b(?:\s+(?:a|an|our own|your own)\s+(?:[\w+#.-]+\s+){0,3}?(?:${buildableThings})\b)?`,
      "gi",
    ),
    "verb",
  ),
  learning(
    2,
    "tutorial",
    new RegExp(
      String.raw`^(?:write|build|make|create|code|implement|develop|program|writing|building|making|creating|coding|implementing|developing)\s+(?:a|an|your own|our own)\s+(?:[\w+#.-]+\s+){0,3}?(?:${buildableThings})\b`,
      "gi",
    ),
    "manner",
  ),
  learning(
    1.5,
    "tutorial",
    /\b(?:for learning|while learning|i learn|i learned|things i|teach(?:es|ing)?(?: you)?|taught)\b/gi,
    "verb",
  ),
  learning(
    2,
    "exercises",
    /\b(?:perfect(?:ing)?|sharpen(?:ing)?|hon(?:e|ing)|improv(?:e|ing)|level(?:l?ing)? up|build(?:ing)?|boost(?:ing)?|practi[sc](?:e|ing)|master(?:ing)?)\s+(?:your\s+|the\s+|particular\s+|essential\s+|\w+\s+){0,2}skills\b/gi,
    "verb",
  ),
  learning(
    1.5,
    "tutorial",
    /\bexplained\b|\beach (?:one )?(?:with an? |)explanation\b|\bwith explanations?\b/gi,
  ),

  // Exercises and solutions.
  learning(
    2,
    "exercises",
    /\b(?:exercises|katas|koans|kata|drills|practice problems|coding challenges|project ideas)\b/gi,
  ),
  learning(1.5, "exercises", /\b(?:practi[sc]e|practi[sc]ing)\b/gi),
  learning(
    2.5,
    "solutions",
    new RegExp(
      String.raw`\b(?:solutions|answers) (?:to|for)\b|\bsolution ${solvedProblems}|\bmy (?:solutions|answers|write-?ups|work on)\b|\b(?:write-?ups|worked through|problem after problem|answered)\b`,
      "gi",
    ),
  ),
  learning(
    1.5,
    "solutions",
    /\b(?:leetcode|hackerrank|codewars|project euler|advent of code|neetcode|cs50x?|exercism|codeforces|lintcode)\b/gi,
  ),

  // Interview preparation.
  learning(
    3,
    "interview",
    /\b(?:interview (?:questions?|prep(?:aration)?|handbook|guide|material)|coding interviews?|job interviews?|system design interview|interviewing|get the job|questions to ask|prep(?:are|aring)? for (?:the |your |a |an )?(?:[\w-]+ ){0,2}interviews?)\b/gi,
  ),
  learning(1.5, "interview", /\bquestions\b/gi),

  // Books, notes, guides, cheatsheets, examples.
  learning(
    2.5,
    "book",
    /\b(?:book series|(?:the|a|an|this|free|online|interactive|open) (?:[\w'’-]+ ){0,3}?(?:e-?)?book|book (?:on|about)|handbook|textbook|second edition|(?:\w+ )?editions?|companion (?:to|code|notebooks?)|accompan(?:ying|ies)|o['’]reilly|manning|packt|no starch|essay|written as (?:jupyter )?notebooks|as jupyter notebooks)\b/gi,
  ),
  learning(
    2.5,
    "notes",
    /\b(?:notes (?:on|about|for|from|and code)|my notes|study notes|lecture notes|personal notes|today i learned|til|everything i know|knowledge i)\b/gi,
  ),
  learning(
    2,
    "guide",
    /\b(?:(?:a|the|complete|practical|plain-language|beginner'?s?|definitive|ultimate|study|style|field|survival) guides?|guide (?:to|for|on)|guides|guidance|style guides?|best practices|clean code|coding standards|principles|idioms|design patterns|anti-patterns|everything (?:you need|worth) (?:to know|knowing)|(?:should|ought to) know|manuals?|tips|tricks|protips|pro tips|gotchas|pitfalls|checklists?|how-?tos?|lessons learned|playbooks?|faq|glossary|(?:a |an )?(?:gentle |brief |short |quick |practical )?introduction to|intro to|deep dive|demystified|in plain (?:english|words)|written down|explainers?)\b/gi,
  ),
  // A numbered list of what a reader should know heads the description as a guide does: "33 JavaScript
  // concepts every developer should know", "97 Things Every Programmer Should Know".
  learning(
    2.5,
    "guide",
    /\b\d+\+? (?:[\w.+#-]+ ){0,3}?(?:concepts|things|tips|rules|lessons|principles|facts|ideas|habits|laws|truths|myths|mistakes|questions) (?:that )?(?:every|all|each|any) (?:[\w.+#-]+ ){0,2}?(?:should|must|needs? to|ought to) (?:know|learn|read|understand)\b/gi,
  ),
  // A title that starts with "How" is an explainer: "How to …", "How Google does code review".
  learning(
    2,
    "guide",
    /^how (?:to|(?:\w+ ){1,3}(?:does|do|works?|is|are|makes?|builds?|handles?|thinks?))\b/gi,
    "verb",
  ),
  learning(1.5, "guide", /\b(?:get(?:ting)? better at|become a better|level up)\b/gi, "verb"),
  learning(
    2.5,
    "cheatsheet",
    /\b(?:cheat ?sheets?|reference sheets?|quick[ -]reference|reference (?:card|pages?)|(?:on|in) (?:a|one) (?:single )?page|one-page)\b/gi,
  ),
  learning(
    2,
    "examples",
    /\b(?:examples|example (?:code|programs|projects|apps)|sample (?:code|apps|applications|projects)|code samples|samples|snippets|demos|quickstarts|by example|worked examples|recipes|hello world|notebooks)\b/gi,
  ),
  learning(1, "examples", /\bin (?:every|any|many|all|dozens of|several) (?:programming )?languages?\b/gi),
  learning(
    2.5,
    "book",
    /\b(?:(?:source )?code|programs|notebooks|examples|exercises|projects) (?:that )?(?:for|from|goes with|go with|accompanying|to accompany|used in|of) (?:the |a |an |my |our |his |her )?(?:[\w'’#+.-]+ ){0,5}?(?:book|title|course|talk|video|series|article|blog post|workshop|codelab|lecture|class|screencast|newsletter)\b/gi,
  ),
  // "A sample audio app", "Example distributed app": what opens the description is what it is.
  learning(
    2,
    "examples",
    new RegExp(`^(?:an? |the )?(?:sample|samples|example|examples|demo|demos)\\b${notAnExample}`, "gi"),
  ),
  // Further in: "Neo4j Movies Example application", "Spring Boot sample app", "the Kubernetes demo
  // application". The application is the example's subject; the repository is the example.
  learning(
    2,
    "examples",
    /\b(?<!^(?:an? |the )?)(?:sample|example|demo) (?:app|apps|application|applications|project|projects|website|web ?app|site|service|api|backend|store|shop|bot)\b/gi,
  ),
  // "Documentation for ASP.NET Core", "The Laravel documentation": a documentation repository says so.
  // Before a software noun it names what the software makes ("documentation generator", "docs theme"),
  // and documentation that is interactive runs.
  learning(
    1.5,
    "guide",
    /\b(?<!interactive |your )(?:documentation|docs)\b(?![- ](?:generators?|themes?|tools?|tooling|toolchain|engine|framework|format|system|browser|compiler|platform|site generator|website generator|server|viewer|linter|plugin|extension)\b)/gi,
  ),
  learning(1.5, "solutions", /\b(?:solutions|solved)\b/gi),
  // A collection of implementations, the way study repositories describe themselves: "Algorithms and data
  // structures implemented in Java", "JavaScript implementations of computer science algorithms", "the 23
  // design patterns implemented in JavaScript". A library names one thing, or itself ("a graph library").
  learning(
    2.5,
    "solutions",
    /\b(?:all )?(?:algorithms|data structures|design patterns)(?: (?:&|and) (?:algorithms|data structures))? (?:implemented |written )?in (?:[a-z][\w+#]*|diverse|various|many|multiple|several)\b/gi,
  ),
  learning(
    2.5,
    "solutions",
    /\bimplementations of (?:(?:common|classic|computer science|various|popular|basic|fundamental) )*(?:algorithms|data structures|design patterns)\b/gi,
  ),
  learning(
    1.5,
    "book",
    /\b(?:apress|pragmatic bookshelf|wiley|addison-wesley|mit press|leanpub|oreilly|o'reilly media)\b/gi,
  ),
  learning(2, "roadmap", /\broadmaps?\b/gi),
  // Documents that propose and record decisions: "Python Enhancement Proposals", "Go Project Design
  // Documents", "RFCs for changes to Rust".
  learning(
    2.5,
    "guide",
    /\b(?:enhancement proposals|improvement proposals|design (?:documents|docs|proposals)|rfcs|requests for comments)\b/gi,
  ),
  // Where courses are given: a repository named after one holds its assignments or projects. A tool
  // for such a site ("Coursera downloader") names itself as software first, and the name is never the
  // head: "CS50's library for Python" is a library.
  learning(
    1.5,
    "course",
    new RegExp(
      String.raw`\b(?:${courseProviders}|edx|нетологи[яиюей]|the odin project|cs50|nptel)\b(?![- ](?:${siteToolWords})\b)`,
      "gi",
    ),
    "manner",
  ),
  learning(
    2,
    "course",
    /\b(?:programming )?(?:assignment|homework|problem set|lab|project) #?\d{1,2}\b(?! (?:is|was|of the api))/gi,
  ),
  // "Rust for C++ programmers", "Go for Python developers": the whole description is a tutorial's title.
  learning(
    2,
    "tutorial",
    /^[\w+#.-]+ for (?:[\w+#.-]+ ){1,2}?(?:programmers|developers|devs|engineers|people|folks)$/gi,
  ),
  learning(2, "notes", annotatedSource),
  // A translation of a text: "Chinese translation of …", "React documentation website in Vietnamese". A
  // translation tool or a translated UI names itself as software first.
  learning(
    2,
    "translation",
    new RegExp(
      String.raw`\b(?:${languageNames}) (?:translation|version|edition)(?! (?:plugin|tool|app|extension|service|api|model|engine|bot|library|pack|layer|keyboard|input)\b)`,
      "gi",
    ),
  ),
  // A text named as translated says what the repository is outright: "translation of the Rust book",
  // "React documentation website in Spanish".
  learning(
    TRANSLATED_TEXT_WEIGHT,
    "translation",
    new RegExp(
      String.raw`\b(?:translat(?:ed|ion)s? of (?:the |a |an )?(?:[\w'’.:-]+ ){0,4}?(?:book|docs|documentation|guide|tutorial|handbook|course|manual|reference|specification)|(?:documentation|docs|handbook|book|guide|tutorial)(?: (?:website|site))? (?:in|into) (?:${languageNames}))\b`,
      "gi",
    ),
  ),
  learning(1.5, "general", /\beducational\b|\bfor education\b|\bfor (?:all|everyone) who\b/gi),
  // Lists of links.
  linkList(3, /\b(?:curated (?:lists?|collections?)(?: of)?|curated|awesome[ -]lists?)\b/gi),
  // How a collection is organised: true of the items, whatever the sentence starts with.
  linkList(
    2.5,
    /\b(?:gathered|categori[sz]ed)(?: (?:in one place|by|per|into))?\b|\b(?:grouped|sorted|organi[sz]ed|arranged) (?:in one place|by|per|into)\b|\bby (?:category|topic|technology|language)\b|\b(?:in|into) (?:various |different |many )?categories\b|\bper language\b|\bin one place\b|\bhand-?picked\b|\bworth (?:reading|following|watching|knowing)\b|\bmust-(?:read|know)\b|\bshould (?:read|visit|follow|have bookmarked)\b|\bfrom many sources\b|\bbookmarked\b/gi,
    "manner",
  ),
  linkList(
    1.5,
    /\b(?:resources|links|blogs|websites|sites|papers|articles|talks|videos|podcasts|newsletters|channels|readings|reading material|references|books|post-mortems|offerings|places to|companies|startups|employers|conferences|meetups)\b/gi,
  ),
  linkList(1, /\b(?:free(?:ly)? (?:available|to read|for \w+)|for free|free tiers?)\b/gi),
  // "Free APIs you can plug into…", "Books you can read…": the repository offers things, plural.
  linkList(2, /\b[a-z]+s (?:that )?you can (?:read|use|host|plug|watch|follow|try|find|learn|download)\b/gi),
  linkList(
    2,
    /\b(?:newsletters?|weekly digest|digest of|must[- ]watch|must[- ]read|picked by hand|carefully (?:selected|chosen)|worth (?:an hour of )?your time)\b/gi,
  ),

  // Software: what the repository is.
  software(
    2.5,
    /\b(?:cli|command[ -]line (?:tool|client|interface|utility|app|application|program)s?|tui|terminal (?:ui|app|client))\b(?!\s+(?:apps|tools|programs|utilities))/gi,
  ),
  software(
    2,
    new RegExp(
      String.raw`\b(?:library|lib|framework|engine|runtime|sdk|plugin|plug-in|add-on|addon|extension|loader|linter|formatter|compiler|transpiler|interpreter|bundler|parser|generator|renderer|editor|ide|database|driver|wrapper|bindings|toolkit|toolchain|tool|utility|app|application|server|client|daemon|bot|platform|lms|cms|system|manager|scheduler|tracker|dashboard|emulator|simulator|service|api client|component library|widgets?|infrastructure|suite|program|script|module|package|browser|blocker|finder|clone|implementation|replacement|alternative to|solution(?! ${solvedProblems})|analy[sz]er|checker|validator|converter|downloader|uploader|launcher|installer|crawler|scraper|visuali[sz]er|debugger|profiler|proxy|gateway|console|micro-frontend|distribution|distro|autograder|grader|test runner|runner|monitor|board|recorder|exporter|importer|optimi[sz]er|minifier|orchestrator)\b(?!-)`,
      "gi",
    ),
  ),
  software(
    1.5,
    /\b(?:command[ -]line|terminal|api|software|game|player|reader|viewer|backend|management|components|workflows?)\b(?!-)/gi,
  ),
  // A playground people open and type into ("Nuxt Tutorial Playground", "The Rust Playground"); a
  // "Rust playground" of one's own is a sandbox of exercises.
  software(
    2,
    /\b(?:interactive|online|in-browser|browser|web|code|coding|tutorial|live)\s+playground\b|\bplayground (?:editor|app|ide)\b|^the [\w.-]+ playground\b/gi,
  ),
  // A target to practise attacks on is an application people deploy: "vulnerable by design" (TerraGoat,
  // WebGoat, Juice Shop), "a deliberately vulnerable website".
  software(2, /\b(?:vulnerable[ -]by[ -]design|(?:deliberately|intentionally|purposely)[ -]vulnerable)\b/gi),
  // What others start their own work from: a theme, a template, a boilerplate. "Starter code" and
  // "starter files" are a course's, and stay with the learning cues.
  software(
    2,
    /\b(?:theme|template|boilerplate|starter(?! code| files)(?: kit| template| project)?|scaffold(?:ing)?|seed project)\b(?!-)/gi,
  ),
  software(
    1.5,
    /\b(?:(?:that |which )?powers|powering|allows you to|lets you|enables you to|for (?:your|building|managing|creating|running|writing|developing|testing|deploying|monitoring|automating)|so (?:you|teachers|users) can|your (?:users|app|project|codebase|team|code))\b/gi,
  ),
  software(
    1,
    /\b(?:blazing(?:ly)? fast|extremely fast|very fast|fast|lightweight|light-weight|high-performance|performant|efficient|minimal|tiny|zero-dependency|dependency-free|self-hosted|cross-platform|privacy-(?:first|focused)|production-ready|ready for production|type-safe|extensible|configurable|customi[sz]able|embeddable|portable|reactive|end-to-end encrypted|encrypted|drop-in|written in|built (?:with|on|in)|powered by|in pure|feature-rich|easy[ -]to[ -](?:learn|use|maintain)|continuous|automatic(?:ally)?|plugins)\b/gi,
  ),
  software(
    1.5,
    /\b(?:much like|similar to|inspired by|alternative to|compatible with|a clone of|drop-in replacement for|(?:a |hard )?fork of|port of)\b/gi,
  ),
  // Chinese, Japanese, Korean, Russian, Vietnamese, Spanish, Portuguese, and a little French, German
  // and Italian, for learning material, link lists and software alike.
  ...multilingualDescriptionCues,
];

/**
 * A description clause that starts with a tool verb ("Create and browse …", "Generate diagrams …",
 * "Schedule interview loops …") describes what the software does.
 */
export const toolVerbAtClauseStart = withUnicodeWords(
  /^(?:create|build|generate|convert|turn|run|manage|deploy|monitor|automate|sync|synchroni[sz]e|keep|collect|organi[sz]e|parameteri[sz]e|schedule|render|parse|format|search|download|record|edit|preview|serve|host|share|track|lint|bundle|compile|transform|extract|scan|validate|visuali[sz]e|compose|stream|encrypt|back up|backup|pretty-print|automates|generates|converts|runs|manages|pushes|downloads|records|searches|turns|keeps|syncs|renders|parses|formats|tracks|hosts|serves|guide your|recursively)s?\b/i,
);

/**
 * "A list of …", "a collection of …", "a set of …": what the container holds decides what it is. The
 * words after "of" run to the first preposition, relative pronoun or punctuation, and the last of them is
 * the head noun ("a collection of application ideas which …" holds ideas).
 */
export const containerPhrase = withUnicodeWords(
  /\b(list|lists|directory|index|catalog|catalogue|compilation|roundup|selection|digest|collection|collections|set|sets|series|bunch|gallery|compendium|assortment|treasury)\s+of\s+((?:(?!(?:for|to|in|on|at|that|which|who|with|from|by|used|using|written|implemented|about|and|or|showcasing|showing|demonstrating|illustrating|explaining|covering|including|based|where|when|you|we|i|your|our)\b)[\p{L}\p{N}'’+#./-]+\s*){1,8})/giu,
);
/** Containers that make a list of links unless they hold learning material. */
export const listContainers = new Set([
  "list",
  "lists",
  "directory",
  "index",
  "catalog",
  "catalogue",
  "compilation",
  "roundup",
  "selection",
  "digest",
]);
/** Containers that are neutral: a collection of scripts is a toolkit, a series of lessons a course. */
export const openContainers = new Set(["set", "sets", "series", "bunch", "gallery", "assortment"]);

/** Head nouns of learning material inside a container, by flavour. */
export const containedLearning: ReadonlyArray<readonly [RegExp, LearningFlavour]> = [
  [
    /^(?:examples?|samples?|notebooks|recipes|snippets|demos|implementations|algorithms|programs)$/,
    "examples",
  ],
  [/^(?:exercises|problems|puzzles|challenges|katas|koans|drills|ideas|projects|assignments)$/, "exercises"],
  [/^(?:tutorials|lessons|lectures|courses|workshops|talks|videos|screencasts)$/, "tutorial"],
  [/^(?:solutions|answers|write-?ups)$/, "solutions"],
  [/^(?:questions)$/, "interview"],
  [/^(?:notes|thoughts|essays|posts|articles)$/, "notes"],
  [
    /^(?:tips|tricks|practices|principles|patterns|guidelines|guides|laws|habits|conventions|idioms|gotchas|styles)$/,
    "guide",
  ],
  [/^(?:cheat-?sheets|references)$/, "cheatsheet"],
];
/** Head nouns of software inside a container: "a set of tools", "a collection of bash scripts". */
export const containedSoftware =
  /^(?:tools|utilities|utils|scripts|components|icons|widgets|functions|helpers|plugins|extensions|modules|packages|libraries|hooks|commands|methods|classes|types|actions|bindings|apis|drivers|services|apps|applications|fonts|themes|templates|containers|images|primitives|structures|collections)$/;

/**
 * Learning cues that a tool verb must not swallow: "Build your own X" is a guide, whatever verb it uses.
 */
export const buildYourOwn = withUnicodeWords(
  /\b(?:build|write|make|roll|create|code) your own\b|\brecreat\w+\b|\bre-?implement\w*\b/gi,
);

/**
 * A software word right after these is negated ("no frameworks, no libraries", "sin librerías",
 * "без фреймворков", "不依赖任何框架") or belongs to the reader ("plug into your software"), so it says
 * nothing about the repository.
 */
export const negatingPrefix = new RegExp(
  `${
    withUnicodeWords(
      /\b(?:no|without|not an?|isn'?t an?|your|sin|sem|sans|ohne|senza|без|không(?: cần| dùng)?)\s+(?:[\w-]+\s+)?$/i,
    ).source
  }|(?:无需|無需|不依赖|不依賴|不需要|不使用|不用|没有|沒有)[\\p{Script=Han}\\s]{0,6}$`,
  "iu",
);

/**
 * Words that contain "learning" but name a field, not a way of teaching ("machine learning in Python"),
 * and "learning" as the modifier of a software noun ("learning platform", "learning management system"),
 * where only "learning" is blanked so that the noun still counts as software.
 */
export const learningFieldPattern = new RegExp(
  `${
    withUnicodeWords(
      /\b(?:machine|deep|reinforcement|federated|transfer|meta|representation|contrastive|active|online|self-supervised|supervised|unsupervised|statistical|few-shot|zero-shot|ensemble|continual|e-?)[ -]learning\b|\blearning(?= (?:platform|management|content|environment|app|software|tool|system|rate)s?\b)/gi,
    ).source
  }|${multilingualLearningFields}`,
  "giu",
);

/**
 * Head nouns (English, Spanish, Portuguese, Russian) that make a description's opening noun phrase name learning material or a list of links:
 * "A brief rendering course", "Community-sourced cheatsheets", "Resources for indie developers".
 */
export const headNounCues: ReadonlyArray<readonly [RegExp, TopicCue]> = [
  [
    /^(?:course|courses|curriculum|lessons|lectures|bootcamp|workshop|materials|curso|cursos|apostila|lecciones|aulas|курс|курсы|лекции|лекций|уроки|уроков)$/,
    { kind: "learning", weight: 1, flavour: "course" },
  ],
  [
    /^(?:tutorial|tutorials|walkthroughs?|primer|tutoriales|tutoriais|учебник|туториал)$/,
    { kind: "learning", weight: 1, flavour: "tutorial" },
  ],
  [
    /^(?:exercises|challenges|problems|puzzles|katas|koans|drills|ejercicios|exercícios|retos|desafíos|desafios|упражнения|упражнений|задачи|задач)$/,
    { kind: "learning", weight: 1, flavour: "exercises" },
  ],
  [
    /^(?:examples|samples|notebooks|recipes|snippets|demos|cookbook|ejemplos|exemplos|примеры|примеров)$/,
    { kind: "learning", weight: 1, flavour: "examples" },
  ],
  [/^(?:solutions|answers|soluciones|soluções)$/, { kind: "learning", weight: 1, flavour: "solutions" }],
  [/^(?:questions)$/, { kind: "learning", weight: 1, flavour: "interview" }],
  [
    /^(?:notes|apuntes|anotações|notas|resumos|конспект|конспекты|заметки|заметок)$/,
    { kind: "learning", weight: 1, flavour: "notes" },
  ],
  [
    /^(?:guide|guides|handbook|playbook|guidelines|practices|principles|tips|checklist|manual|guía|guia|руководство|гайд)$/,
    { kind: "learning", weight: 1, flavour: "guide" },
  ],
  [/^(?:book|textbook|ebook|libro|livro|книга|учебник)$/, { kind: "learning", weight: 1, flavour: "book" }],
  [/^(?:cheatsheets?|cheat-sheets?|шпаргалка)$/, { kind: "learning", weight: 1, flavour: "cheatsheet" }],
  [/^(?:roadmap|roadmaps)$/, { kind: "learning", weight: 1, flavour: "roadmap" }],
  [
    /^(?:resources|links|blogs|websites|sites|papers|articles|podcasts|newsletters|companies|startups|recursos|ресурсы)$/,
    { kind: "link-list", weight: 1 },
  ],
];

const topic = (kind: EvidenceKind, weight: number, flavour?: LearningFlavour): TopicCue => ({
  kind,
  weight,
  flavour,
});

/** Exact topic names. `education` and `learning` weigh little: education software carries them too. */
export const topicCues: ReadonlyMap<string, TopicCue> = new Map([
  ["tutorial", topic("learning", 2, "tutorial")],
  ["tutorials", topic("learning", 2, "tutorial")],
  ["tutorial-code", topic("learning", 2, "tutorial")],
  ["course", topic("learning", 2, "course")],
  ["courses", topic("learning", 1.5, "course")],
  ["course-materials", topic("learning", 2.5, "course")],
  ["curriculum", topic("learning", 2.5, "course")],
  ["syllabus", topic("learning", 2.5, "course")],
  ["lectures", topic("learning", 2, "course")],
  ["lesson", topic("learning", 2, "course")],
  ["lessons", topic("learning", 2, "course")],
  ["labs", topic("learning", 1.5, "course")],
  ["lecture-notes", topic("learning", 2.5, "notes")],
  ["video-lectures", topic("learning", 2, "course")],
  ["mooc", topic("learning", 1.5, "course")],
  ["bootcamp", topic("learning", 2, "course")],
  ["zoomcamp", topic("learning", 2.5, "course")],
  ["homework", topic("learning", 2, "course")],
  ["assignments", topic("learning", 1.5, "course")],
  ["education", topic("learning", 1, "general")],
  ["educational", topic("learning", 1, "general")],
  ["learning", topic("learning", 0.75, "general")],
  ["learn", topic("learning", 1.5, "general")],
  ["teaching", topic("learning", 0.5, "general")],
  ["self-taught", topic("learning", 2, "course")],
  ["study-plan", topic("learning", 2.5, "course")],
  ["learning-path", topic("learning", 2.5, "course")],
  ["beginner", topic("learning", 1.5, "tutorial")],
  ["beginners", topic("learning", 1.5, "tutorial")],
  ["for-beginners", topic("learning", 2, "tutorial")],
  ["from-scratch", topic("learning", 1.5, "tutorial")],
  ["build-your-own-x", topic("learning", 2.5, "tutorial")],
  ["exercises", topic("learning", 2, "exercises")],
  ["practice", topic("learning", 1, "exercises")],
  ["challenge", topic("learning", 1.5, "challenge")],
  ["challenges", topic("learning", 1.5, "exercises")],
  ["koans", topic("learning", 2, "exercises")],
  ["katas", topic("learning", 2, "exercises")],
  ["code-kata", topic("learning", 2, "exercises")],
  ["exercism-track", topic("learning", 2.5, "exercises")],
  ["100daysofcode", topic("learning", 2.5, "challenge")],
  ["interview", topic("learning", 1.5, "interview")],
  ["interviews", topic("learning", 1.5, "interview")],
  ["interview-prep", topic("learning", 2.5, "interview")],
  ["interview-preparation", topic("learning", 2.5, "interview")],
  ["interview-questions", topic("learning", 2.5, "interview")],
  ["interview-practice", topic("learning", 2.5, "interview")],
  ["coding-interview", topic("learning", 2.5, "interview")],
  ["coding-interviews", topic("learning", 2.5, "interview")],
  ["leetcode", topic("learning", 1, "solutions")],
  ["leetcode-solutions", topic("learning", 2.5, "solutions")],
  ["advent-of-code", topic("learning", 2, "solutions")],
  ["cs50", topic("learning", 2, "course")],
  ["data-structures", topic("learning", 1, "examples")],
  ["algorithms", topic("learning", 0.5, "examples")],
  ["design-patterns", topic("learning", 1.5, "examples")],
  ["examples", topic("learning", 1.5, "examples")],
  ["example", topic("learning", 1, "examples")],
  ["samples", topic("learning", 1, "examples")],
  ["snippets", topic("learning", 1, "examples")],
  ["roadmap", topic("learning", 1.5, "roadmap")],
  ["roadmaps", topic("learning", 1.5, "roadmap")],
  ["book", topic("learning", 1.5, "book")],
  ["books", topic("learning", 1.5, "book")],
  ["book-series", topic("learning", 2.5, "book")],
  ["ebook", topic("learning", 1, "book")],
  ["handbook", topic("learning", 2, "guide")],
  ["guide", topic("learning", 1, "guide")],
  ["guidelines", topic("learning", 1, "guide")],
  ["best-practices", topic("learning", 2, "guide")],
  ["clean-code", topic("learning", 2, "guide")],
  ["style-guide", topic("learning", 1.5, "guide")],
  ["styleguide", topic("learning", 1.5, "guide")],
  ["principles", topic("learning", 1, "guide")],
  ["tips", topic("learning", 1.5, "guide")],
  ["notes", topic("learning", 1, "notes")],
  ["study-notes", topic("learning", 2.5, "notes")],
  ["til", topic("learning", 2.5, "notes")],
  ["today-i-learned", topic("learning", 2.5, "notes")],
  // Topics are ASCII, so other languages tag in Spanish and Portuguese or in pinyin and transliteration.
  ["curso", topic("learning", 2, "course")],
  ["cursos", topic("learning", 1.5, "course")],
  ["aulas", topic("learning", 1.5, "course")],
  ["estudos", topic("learning", 1.5, "course")],
  ["kurs", topic("learning", 1.5, "course")],
  ["tutoriales", topic("learning", 2, "tutorial")],
  ["tutoriais", topic("learning", 2, "tutorial")],
  ["jiaocheng", topic("learning", 2, "tutorial")],
  ["uchebnik", topic("learning", 2, "tutorial")],
  ["principiantes", topic("learning", 1.5, "tutorial")],
  ["iniciantes", topic("learning", 1.5, "tutorial")],
  ["rumen", topic("learning", 1.5, "tutorial")],
  ["aprender", topic("learning", 1.5, "general")],
  ["xuexi", topic("learning", 1.5, "general")],
  ["aprendizaje", topic("learning", 0.75, "general")],
  ["aprendizado", topic("learning", 0.75, "general")],
  ["apuntes", topic("learning", 2, "notes")],
  ["anotacoes", topic("learning", 2, "notes")],
  ["resumos", topic("learning", 1.5, "notes")],
  ["biji", topic("learning", 2, "notes")],
  ["xuexibiji", topic("learning", 2.5, "notes")],
  ["konspekt", topic("learning", 2, "notes")],
  ["konspekty", topic("learning", 2, "notes")],
  ["ejercicios", topic("learning", 2, "exercises")],
  ["exercicios", topic("learning", 2, "exercises")],
  ["shuati", topic("learning", 2, "exercises")],
  ["retos", topic("learning", 1.5, "challenge")],
  ["desafios", topic("learning", 1.5, "challenge")],
  ["soluciones", topic("learning", 1.5, "solutions")],
  ["solucoes", topic("learning", 1.5, "solutions")],
  ["entrevista", topic("learning", 1.5, "interview")],
  ["entrevistas", topic("learning", 1.5, "interview")],
  ["mianshi", topic("learning", 2.5, "interview")],
  ["bagu", topic("learning", 2, "interview")],
  ["baguwen", topic("learning", 2.5, "interview")],
  ["sobesedovanie", topic("learning", 2.5, "interview")],
  ["libro", topic("learning", 1.5, "book")],
  ["libros", topic("learning", 1.5, "book")],
  ["livro", topic("learning", 1.5, "book")],
  ["livros", topic("learning", 1.5, "book")],
  ["ejemplos", topic("learning", 1.5, "examples")],
  ["exemplos", topic("learning", 1.5, "examples")],
  ["guia", topic("learning", 1, "guide")],
  ["cheatsheet", topic("learning", 2, "cheatsheet")],
  ["cheatsheets", topic("learning", 2, "cheatsheet")],
  ["cheat-sheet", topic("learning", 2, "cheatsheet")],
  ["cheat-sheets", topic("learning", 2, "cheatsheet")],
  ["reference", topic("learning", 1, "cheatsheet")],

  ["awesome", topic("link-list", 2)],
  ["awesome-list", topic("link-list", 3)],
  ["awesome-lists", topic("link-list", 3)],
  ["curated-list", topic("link-list", 3)],
  ["curated", topic("link-list", 2)],
  ["list", topic("link-list", 2)],
  ["lists", topic("link-list", 2)],
  ["collections", topic("link-list", 1.5)],
  ["resources", topic("link-list", 1.5)],
  ["resource", topic("link-list", 1.5)],
  ["learning-resources", topic("link-list", 2)],
  ["reading-list", topic("link-list", 2.5)],
  ["papers", topic("link-list", 1.5)],
  ["blogs", topic("link-list", 1.5)],
  ["engineering-blogs", topic("link-list", 2)],
  ["websites", topic("link-list", 1.5)],
  ["links", topic("link-list", 1)],

  ["cli", topic("software", 2)],
  ["tool", topic("software", 1.5)],
  ["tools", topic("software", 1)],
  ["utility", topic("software", 1.5)],
  ["api", topic("software", 1)],
  ["autograder", topic("software", 2)],
  ["cli-app", topic("software", 2)],
  ["command-line", topic("software", 1.5)],
  ["command-line-tool", topic("software", 2)],
  ["tui", topic("software", 1.5)],
  ["library", topic("software", 2)],
  ["lib", topic("software", 1.5)],
  ["framework", topic("software", 2)],
  ["web-framework", topic("software", 2)],
  ["sdk", topic("software", 2)],
  ["plugin", topic("software", 2)],
  ["extension", topic("software", 1.5)],
  ["vscode-extension", topic("software", 2)],
  ["chrome-extension", topic("software", 2)],
  ["browser-extension", topic("software", 2)],
  ["linter", topic("software", 2)],
  ["lint", topic("software", 1.5)],
  ["formatter", topic("software", 2)],
  ["compiler", topic("software", 2)],
  ["parser", topic("software", 2)],
  ["argument-parser", topic("software", 2)],
  ["loader", topic("software", 2)],
  ["webpack-loader", topic("software", 2)],
  ["bundler", topic("software", 2)],
  ["database", topic("software", 2)],
  ["orm", topic("software", 2)],
  ["odm", topic("software", 2)],
  ["runtime", topic("software", 2)],
  ["http-client", topic("software", 2)],
  ["lms", topic("software", 2.5)],
  ["learning-management-system", topic("software", 2.5)],
  ["cms", topic("software", 2)],
  ["e-learning", topic("software", 1)],
  ["elearning", topic("software", 1)],
  ["flashcards", topic("software", 1.5)],
  ["spaced-repetition", topic("software", 1.5)],
  ["grading", topic("software", 1.5)],
  ["window-manager", topic("software", 2)],
  ["editor", topic("software", 1.5)],
  ["text-editor", topic("software", 2)],
  ["ide", topic("software", 2)],
  ["static-site-generator", topic("software", 2)],
  ["generator", topic("software", 1.5)],
  ["qr-code-generator", topic("software", 2)],
  ["self-hosted", topic("software", 1)],
  ["selfhosted", topic("software", 1)],
  ["app", topic("software", 1.5)],
  ["mobile-app", topic("software", 1.5)],
  ["desktop-app", topic("software", 2)],
  ["electron", topic("software", 1)],
  ["react-native", topic("software", 1)],
  ["scheduler", topic("software", 2)],
  ["scheduling", topic("software", 1.5)],
  ["calendar", topic("software", 1)],
  ["automation", topic("software", 1)],
  ["home-automation", topic("software", 1.5)],
  ["workflow", topic("software", 1)],
  ["developer-tools", topic("software", 1)],
  ["devtools", topic("software", 1)],
  ["npm-package", topic("software", 2)],
  ["pypi", topic("software", 1.5)],
  ["wrapper", topic("software", 1.5)],
  ["bindings", topic("software", 1.5)],
  ["driver", topic("software", 1.5)],
  ["bot", topic("software", 1.5)],
  ["emulator", topic("software", 2)],
  ["engine", topic("software", 1.5)],
  ["game-engine", topic("software", 2)],
  ["game", topic("software", 1)],
  ["components", topic("software", 1)],
  ["ui-components", topic("software", 1.5)],
  ["component-library", topic("software", 2)],
  ["widgets", topic("software", 1)],
  ["icons", topic("software", 1)],
  ["svg-icons", topic("software", 1)],
  ["font", topic("software", 1)],
  ["sync", topic("software", 1)],
  ["encryption", topic("software", 1)],
  ["e2ee", topic("software", 1)],
  ["backup", topic("software", 1)],
  ["monitoring", topic("software", 1)],
  ["github-action", topic("software", 2)],
  ["vim-plugin", topic("software", 2)],
  ["neovim-plugin", topic("software", 2)],
  ["wordpress-plugin", topic("software", 2)],
  ["kubernetes-operator", topic("software", 2)],
  ["dependency-manager", topic("software", 2)],
  ["version-manager", topic("software", 2)],
  ["package-manager", topic("software", 2)],
  ["formatter", topic("software", 2)],
  ["testing-framework", topic("software", 2)],
  ["dashboards", topic("software", 1)],
  ["analytics", topic("software", 1)],
  ["product-analytics", topic("software", 1.5)],
  ["feature-flags", topic("software", 1.5)],
  ["ats", topic("software", 1.5)],
  ["pkm", topic("software", 1)],
  ["note-taking", topic("software", 1)],
  ["bookmark-manager", topic("software", 2)],
  ["audiobook-player", topic("software", 2)],
  ["ebook-reader", topic("software", 2)],
  ["literate-programming", topic("software", 1)],
  ["biblioteca", topic("software", 2)],
  ["libreria", topic("software", 2)],
  ["herramienta", topic("software", 1.5)],
  ["ferramenta", topic("software", 1.5)],
]);

/** Topic shapes rather than names: "30-days-of-python", "100daysofswiftui", "microsoft-for-beginners". */
export const topicPatternCues: ReadonlyArray<readonly [RegExp, TopicCue]> = [
  [/^\d+-?days?-?of-?[a-z]/, topic("learning", 2.5, "challenge")],
  [/-for-beginners$/, topic("learning", 2.5, "tutorial")],
  [/^aoc-?\d*$/, topic("learning", 2, "solutions")],
  [
    /-(?:tutorials?|tutoriales|tutoriais|course|curso|curriculum|jiaocheng)$/,
    topic("learning", 2, "tutorial"),
  ],
  [/^curso-/, topic("learning", 2, "course")],
  [/-(?:para-)?(?:principiantes|iniciantes)$/, topic("learning", 2, "tutorial")],
  [/-(?:interview(?:s|-questions)?|entrevistas?|mianshi)$/, topic("learning", 2, "interview")],
  [/-resources$/, topic("link-list", 1.5)],
  [/^awesome-/, topic("link-list", 2)],
  // A topic that ends in a software noun names the kind of software: "obsidian-plugin", "ebook-reader",
  // "ctf-platform", and "-alternative" names the product it replaces: "duolingo-alternative".
  [
    /-(?:cli|library|framework|plugin|sdk|app|tool|tools|client|server|extension|api|bot|engine|editor|manager|reader|player|platform|runner|analy[sz]er|grader|generator|parser|linter|alternative)$/,
    topic("software", 1.5),
  ],
];

export type NameCue = {
  kind: EvidenceKind;
  weight: number;
  flavour?: LearningFlavour;
  /** Shape patterns also read camel case and digit runs: "30DaysOfJavaScript" as "30-days-of-…". */
  shape?: boolean;
  /**
   * "manner": how the material teaches ("30-days-of-", "-for-beginners", "learn-", "write-a-"), which
   * holds wherever it stands. Other cues are nouns, and only the last one heads the name.
   */
  role?: "manner";
};

const nameCue = (kind: EvidenceKind, weight: number, flavour?: LearningFlavour, shape = false): NameCue => ({
  kind,
  weight,
  flavour,
  shape,
});
const mannerCue = (weight: number, flavour: LearningFlavour, shape = false): NameCue => ({
  ...nameCue("learning", weight, flavour, shape),
  role: "manner",
});

/**
 * Patterns over a name's separator segments joined with "-". Camel case is left whole (`mdBook`,
 * `BookStack` and `awesomeApp` are product names) except for the shape patterns, which also
 * read "30DaysOfJavaScript" as "30-days-of-java-script". `awesome` counts only as a real first segment,
 * because `awesome-python` follows the link-list convention.
 */
export const nameWordCues: ReadonlyArray<readonly [RegExp, NameCue]> = [
  [/(?:^|-)\d+-days?(?:-|$)|(?:^|-)days?-of-|(?:^|-)\d+-projects-\d+-days/, mannerCue(2, "challenge", true)],
  [
    /(?:^|-)for-(?:beginners|dummies|kids|everyone)(?:-|$)|(?:^|-)beginners?(?:-|$)/,
    mannerCue(2, "tutorial", true),
  ],
  [/^learn-|^learning-|^learnyou/, mannerCue(1.5, "tutorial")],
  // The reader is told to make something: "write-a-c-interpreter", "build-your-own-redis", "how-to-…".
  [
    /^(?:lets-)?(?:write|build|make|create|code|implement|writing|building|making|creating|implementing)-(?:a|an|your-own|our-own|yourself|it-yourself)-|^how-to-/,
    mannerCue(1.5, "tutorial", true),
  ],
  // A year names an offering of a course or a challenge, never a program: "mipt-java-2016", "NLP_2026",
  // "spring2024-assignments", "Programacion-01-2022-2023". In the labelled data, 20 non-projects and no
  // software carry one.
  [
    /(?:^|-)(?:(?:fall|spring|autumn|winter|summer)-?)?(?:19[89]\d|20[0-3]\d)(?:-|$)/,
    mannerCue(1.5, "course"),
  ],
  // A zero-padded number is a module's or an edition's place in a series: "nlw-06-nodejs",
  // "ignite-lab-00-aulas", "semana-javascript-expert06". Versions and codecs are not padded.
  [/(?:^|-)0\d(?:-|$)/, mannerCue(1.5, "course", true)],
  // A book is named by its series or its edition: "head-first-design-patterns-cpp", "spring-batch-in-action",
  // "python-machine-learning-book-3rd-edition", "effective-java-3e-source-code".
  [
    /^(?:head-first|effective|eloquent|thinking-in)-|-in-action$|(?:^|-)(?:\d(?:st|nd|rd|th)|second|third|fourth|fifth)-edition(?:-|$)|-(?:2e|3e|4e|2nd|3rd|4th)(?:-|$)/,
    mannerCue(1.5, "book", true),
  ],
  // The "-lings" convention of small exercise sets after rustlings: "ziglings", "golings".
  [/^[a-z]{2,}lings$/, mannerCue(1.5, "exercises")],
  [
    /(?:^|-)(?:tutorials?|course|courses|coursework|mooc|curriculum|bootcamp|zoomcamp|lessons|lectures|crash-course|101|zero-to-\w+|from-scratch|the-hard-way|by-example|koans|katas|basics|fundamentals|intro-to|introduction-to)(?:-|$)/,
    nameCue("learning", 1.5, "tutorial"),
  ],
  [
    /(?:^|-)(?:exercises|exercise|practice|challenges|challenge|enunciados|problems|puzzles|homework|assignments|labs|problem-sets|projects|ideas)(?:-|$)/,
    nameCue("learning", 1.5, "exercises"),
  ],
  [
    /(?:^|-)(?:examples|samples|demos|snippets|recipes|cookbook|hello-world|quickstarts)(?:-|$)|-(?:sample|example)(?:-code)?$/,
    // Shaped too: "EntityComponentSystemSamples", "WPFSamples" run their words together.
    nameCue("learning", 1.5, "examples", true),
  ],
  [/(?:^|-)(?:notes|til|knowledge|wiki|notebooks)(?:-|$)/, nameCue("learning", 1.5, "notes")],
  // What was studied: "algorithm-study", "CS-study", "study-html". A study of something else is a
  // product's subject ("youtube-study-space", "study-timer").
  [/-(?:study|studies)$|^(?:study|studies)-[a-z0-9]+$/, nameCue("learning", 1.5, "notes")],
  [
    // "kyopro" (競プロ) is what Japanese competitive programmers call their solutions; run-together names
    // count too ("AdventOfCode2022").
    /(?:^|-)(?:solutions|answers|leetcode|lintcode|hackerrank|codewars|euler|aoc|advent-of-code|cs50x?|neetcode|kyopro|kyopuro|atcoder|usaco|codeforces|cses|baekjoon|competitive-programming)(?:-|$)/,
    nameCue("learning", 1.5, "solutions", true),
  ],
  [/(?:^|-)(?:interviews?|interview-questions|questions)(?:-|$)/, nameCue("learning", 1.5, "interview")],
  [
    /(?:^|-)(?:handbook|guide|guides|manual|manuals|primer|best-practices|bestpractices|clean-code|style-guide|styleguide|guidelines|patterns|design-patterns|algorithms?|data-structures|data-structures?-and-algorithms?|algorithms?-and-data-structures?)(?:-|$)/,
    nameCue("learning", 1.5, "guide", true),
  ],
  // The same collections named in Spanish, Portuguese, Vietnamese and pinyin: "algoritmos",
  // "estructuras-de-datos", "Cau-truc-du-lieu-va-giai-thuat", "suanfa".
  [
    /(?:^|-)(?:algoritmos|estructuras-de-datos|estruturas-de-dados|giai-thuat|thuat-toan|cau-truc-du-lieu|suanfa|shujujiegou|algoritmy)(?:-|$)/,
    nameCue("learning", 1.5, "guide", true),
  ],
  [/(?:^|-)(?:book|books|ebook|textbook)(?:-|$)/, nameCue("learning", 1.5, "book")],
  // A documentation repository is named for what it documents: "PowerShell-Docs", "azure-docs". Only as
  // the head: "docs-cli" is a tool, "mkdocs" a generator.
  [/(?:^|-)(?:docs|documentation)$/, nameCue("learning", 1.5, "guide")],
  [/(?:^|-)(?:cheatsheets?|cheat-sheets?|cheat|reference)(?:-|$)/, nameCue("learning", 1.5, "cheatsheet")],
  [/(?:^|-)(?:roadmaps?)(?:-|$)/, nameCue("learning", 1.5, "roadmap")],
  [/(?:^|-)kata(?:-|$)/, nameCue("learning", 1, "exercises")],
  // Where courses are given, anywhere in the name: "devops-netology", "netologyThreadsProject",
  // "rocketseat-ignite". A tool for such a site says what it is next ("coursera-dl", "udemy-api") or
  // ends the name as its head ("hexlet-exercise-kit").
  [
    new RegExp(String.raw`(?:^|-)(?:${courseProviders})(?:-|$)(?!(?:${siteToolWords}|sync)(?:-|$))`),
    nameCue("learning", 1.5, "course", true),
  ],
  // Names are ASCII: other languages name learning material in Spanish and Portuguese, pinyin
  // ("mianshi" 面试, "biji" 笔记) or transliteration ("konspekt", "bai-tap"). No product is named so, so
  // run-together words count too: "ApuntesJava", "CursoReact".
  [
    // "semana-omnistack-11": a week of classes, as Brazilian and Spanish bootcamps name their events.
    /(?:^|-)(?:curso|cursos|kurs|corso|aulas|lecciones|semana|apostila|apostilas|kecheng|uchebnik|khoa-hoc-lap-trinh|giao-trinh|mon-hoc)(?:-|$)/,
    nameCue("learning", 1.5, "course", true),
  ],
  [
    /(?:^|-)(?:tutoriales|tutoriais|jiaocheng|rumen|nyumon|huong-dan|lap-trinh|tu-hoc|nhap-mon|co-ban|fundamentos|basico|basicos|osnovy|jichu|kiso|programacion|programacao)(?:-|$)/,
    nameCue("learning", 1.5, "tutorial", true),
  ],
  [
    /(?:^|-)(?:apuntes|anotacoes|resumos|estudo|estudos|biji|xuexi-?biji|konspekt|konspekty|zametki|ghi-chu)(?:-|$)/,
    nameCue("learning", 1.5, "notes", true),
  ],
  [
    /(?:^|-)(?:ejercicios|exercicios|retos|desafios|projetos|proyectos|shuati|lianxi|bai-tap|zadachi|uprazhneniya)(?:-|$)/,
    nameCue("learning", 1.5, "exercises", true),
  ],
  [
    /(?:^|-)(?:soluciones|solucoes|tijie|loi-giai|resheniya)(?:-|$)/,
    nameCue("learning", 1.5, "solutions", true),
  ],
  [
    /(?:^|-)(?:mianshi|mianjing|bagu|baguwen|entrevistas?|sobesedovanie|phong-van)(?:-|$)/,
    nameCue("learning", 1.5, "interview", true),
  ],
  [/(?:^|-)(?:libro|libros|livro|livros|kniga)(?:-|$)/, nameCue("learning", 1.5, "book", true)],
  [
    /(?:^|-)(?:xuexi|aprender|aprendiendo|aprendendo|izuchenie)(?:-|$)/,
    nameCue("learning", 1, "general", true),
  ],
  [
    /(?:^|-)(?:para-principiantes|para-iniciantes|desde-cero|do-zero|s-nulya|cong-ling-kai-shi)(?:-|$)/,
    mannerCue(2, "tutorial"),
  ],
  [
    /(?:^|-)(?:resources|links|list|lists|papers|blogs|reading-list|bookmarks|websites|free-for-dev)(?:-|$)/,
    nameCue("link-list", 1.5),
  ],
  [
    new RegExp(
      String.raw`(?:^|-)(?:cli|app|server|client|lib|sdk|api|plugin|loader|lint|linter|bot|engine|kit|toolkit|cms|lms|dl|sync|manager|editor|viewer|daemon|compiler|parser|generator|gen|scheduler|planner|tracker|dashboard|desktop|extension|action|orm|db|vscode|connect|timer|visualizer|visualiser|${romanceSoftwareNames})(?:-|$)`,
    ),
    nameCue("software", 1.5),
  ],
];

/** Language-share thresholds, measured on the repository's language sizes. */
export const proseLanguages = new Set([
  "markdown",
  "mdx",
  "tex",
  "asciidoc",
  "restructuredtext",
  "text",
  "org",
  "rmarkdown",
]);
export const notebookLanguages = new Set(["jupyter notebook"]);
export const pageLanguages = new Set(["html", "css", "scss"]);
