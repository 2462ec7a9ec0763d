import type { LearningFlavour } from "@/server/filtering/cue-types";
import type { Evidence } from "@/server/filtering/non-project-evidence";
import { annotatedSource, notAnExample } from "@/server/filtering/non-project-cues";
import { withUnicodeWords } from "@/server/filtering/tokenize-text";

/**
 * Code that belongs to a text: a book's listings, a course's or a blog post's code, algorithms or design
 * patterns implemented one by one for study. Such a repository builds like software (a manifest, src/
 * and tests, CI, "npm install" in its README) because its code runs, but what it builds is the material,
 * not a program others build on. When the repository says so of itself, in its description or its
 * README's opening, its build signals count half, and the saying is evidence in its own right.
 */

export type CompanionCode = {
  text: string;
  flavour: LearningFlavour;
  /** Where it was said; a name or an owner is already evidence of its own and adds nothing more. */
  where: "description" | "readme" | "name";
  /** Said by who it is, not what it says: a publisher's repository holds a book's listings, always. */
  certain?: boolean;
  /**
   * Evidence the finding is in itself, beyond the words it rests on: "a documentation website", whose
   * name is its address and names what it documents, so the name's software words count as its build's.
   */
  account?: Evidence;
};

/**
 * What a text is called. A paper's code is research software, and "class", "post" and "training" name
 * code as often ("the Matrix class", "post-processing", "training models").
 */
const nounsOfAText = String.raw`book|e-?book|edition|textbook|course|lectures?|lessons?|chapters?|talks?|workshop|tutorial|blog post|article|series|videos?|screencasts?`;

/** "Reliable implementations of reinforcement learning algorithms" is a library that vouches for itself. */
const notALibrary = String.raw`(?<!(?:reliable|fast|faster|efficient|optimi[sz]ed|high-performance|performant|scalable|robust|production-ready|production-grade|well-tested|tested|modular|reusable) )`;

const companionPatterns: ReadonlyArray<{ pattern: RegExp; flavour: LearningFlavour }> = [
  // "Source code from Effective Java, Third Edition", "Code for The Annotated Transformer blog post".
  {
    pattern: new RegExp(
      String.raw`\b(?:source code|code|code listings|listings|examples|notebooks|programs|(?:this |the )(?:project|repository|repo)(?: is| was)?) (?:for|from|of|in|accompanying|to accompany|that accompan(?:y|ies)) (?:the |a |an |my |our |his |her )?(?:["“'‘«]?[\w'’#+.:,-]+["”'’»]? ){0,8}?(?:${nounsOfAText})\b`,
      "giu",
    ),
    flavour: "book",
  },
  {
    pattern: /\b(?:\d+(?:st|nd|rd|th)|second|third|fourth|fifth|sixth|seventh|eighth) edition\b/giu,
    flavour: "book",
  },
  // "An annotated implementation of the Transformer paper", "annotated Redis 3.0 source code".
  {
    pattern: new RegExp(annotatedSource.source, "giu"),
    flavour: "notes",
  },
  // "All Algorithms implemented in Kotlin", "the 23 (GoF) design patterns implemented in JavaScript".
  {
    pattern:
      /\b(?:algorithms|data structures|design patterns)(?: (?:&|and) (?:algorithms|data structures))? (?:implemented|written|coded) in\b/giu,
    flavour: "solutions",
  },
  {
    pattern: new RegExp(
      String.raw`\b${notALibrary}implementations? of (?:[\w-]+ ){0,3}?(?:algorithms|data structures|design patterns)\b`,
      "giu",
    ),
    flavour: "solutions",
  },
  // "PyTorch implementations of Generative Adversarial Networks": one model per paper, side by side. A
  // library implements one thing, in the singular.
  {
    pattern: new RegExp(
      String.raw`\b${notALibrary}implementations of (?:[\w-]+ ){0,4}?(?:networks|models|papers|architectures)\b`,
      "giu",
    ),
    flavour: "examples",
  },
  // Spanish and Portuguese: "Repositorio del curso …", "código do livro", "Material docente para la
  // asignatura …".
  {
    pattern:
      /\b(?:c[óo]digo(?: fuente| fonte)?|ejemplos|exemplos|reposit[óo]rio|repositorio|proyectos?|projetos?|retos|desaf[íi]os|ejercicios|exerc[íi]cios|tareas|tarefas|pr[áa]cticas|pr[áa]ticas|materia(?:l|les|is))(?: \p{L}+){0,2}? (?:del|de la|de los|do|da|dos|das|para (?:el|la|los|las|o|a|os|as)) (?:curso|libro|livro|taller|oficina|workshop|treinamento|asignatura|disciplina|cadeira)\b/giu,
    flavour: "course",
  },
  // Made while a course ran: "Projeto desenvolvido durante o NLW Setup", "App built during the course".
  {
    pattern:
      /\b(?:desenvolvid[oa]s?|criad[oa]s?|constru[íi]d[oa]s?|desarrollad[oa]s?|realizad[oa]s?|built|developed|created|made) (?:durante|during|en|no|na|in) (?:(?:o|a|el|la|the|my|our) )?(?:[\p{L}\d.+#-]+ ){0,3}?(?:curso|semana|bootcamp|imers[ãa]o|aulas?|clases?|workshop|course|class|lectures?|nlw|next level week|trilha|m[óo]dulo|treinamento|forma[çc][ãa]o)\b/giu,
    flavour: "course",
  },
  // A course's homework: "Homework for the Netology course", "Assignments of the CS101 class".
  {
    pattern:
      /\b(?:homeworks?|assignments?|coursework|problem sets?|lab work) (?:for|from|of|in) (?:the |a |my |our )?(?:[\p{L}\d'’#+.:,-]+ ){0,5}?(?:course|class|module|lectures?|bootcamp|semester)\b/giu,
    flavour: "course",
  },
  // Russian: "код к книге", "код для курса"; a course's graded work, "Дипломная работа по курсу …".
  { pattern: /\b(?:код|примеры|исходники) (?:к|для|из) (?:книг|курс)\w*/giu, flavour: "book" },
  {
    pattern:
      /\b(?:работ[аыу]?|(?:домашн\w+ )?задани[еяй]) (?:по|к) (?:курсу|модулю|дисциплине|предмету|занятию)\b/giu,
    flavour: "course",
  },
  // A course's demo or study project: "Учебный демо-проект от HTML Academy для 12-го потока … курса".
  {
    pattern:
      /\b(?:учебн\w+ )?(?:демо-)?проект\w* (?:от [\w ]{2,40}? )?для (?:[\w-]+ ){0,3}?(?:курса|потока|интенсива)\b/giu,
    flavour: "course",
  },
  // Vietnamese: "Source code và nội dung của ebook", "mã nguồn của sách".
  {
    pattern: /\b(?:mã nguồn|source code)(?: [\w'’.:,-]+){0,8}? (?:sách|ebook|khóa học)\b/giu,
    flavour: "book",
  },
];

/**
 * A description that opens by calling the repository examples: "Example projects that demonstrate …",
 * "Sample code for the … SDK", "Examples built with TensorFlow.js". The code shows how to use a product;
 * "sample size" and "example-based testing" are about statistics and tests.
 */
const examplesFirst = withUnicodeWords(
  new RegExp(
    String.raw`^(?:an? |the |official )?(?:simple |minimal |basic |small )?(?:examples?|samples?|sample code|code samples|demos?)\b${notAnExample}`,
    "iu",
  ),
);

/** Scripts without spaces: matched as written, no word boundaries. */
const cjkCompanionPatterns: ReadonlyArray<{ pattern: RegExp; flavour: LearningFlavour }> = [
  // Chinese: 《深入理解计算机系统》配套代码, 随书代码, 书中示例.
  { pattern: /《[^》]{1,40}》.{0,12}?(?:代码|源码|源代码|示例|配套)/gu, flavour: "book" },
  { pattern: /(?:配套|随书)(?:代码|源码)|书中(?:的)?(?:代码|示例|例子)/gu, flavour: "book" },
  // Source read and explained: 带有详细注释的 Redis 代码, Spring 源码解析.
  {
    pattern:
      /(?:详细|詳細|中文)(?:注释|註釋)|(?:注释|註釋)版|源码(?:注释|解析|分析|阅读|剖析)|源碼(?:註釋|解析|分析|閱讀|剖析)/gu,
    flavour: "notes",
  },
  // Japanese: 書籍のサンプルコード, 本書のコード; 書籍 alone may be what an app manages.
  { pattern: /(?:書籍|本書)の?(?:サンプル)?(?:コード|ソース)|本書|研修テキスト/gu, flavour: "book" },
  // Korean: a bootcamp's mission or a class's assignment, one repository each: "체스 미션 저장소".
  { pattern: /(?:미션|과제)\s?(?:저장소|레포|repository)/gu, flavour: "course" },
  // Korean: <책 제목>의 코드 저장소, 책의 예제 코드, 도서 예제.
  {
    pattern: /(?:<[^>]{1,40}>|책|도서)(?:의)?\s?(?:\([^)]{0,30}\))?(?:의)?\s?(?:코드|예제|소스)/gu,
    flavour: "book",
  },
];

const allPatterns = [
  ...companionPatterns.map(({ pattern, flavour }) => ({ pattern: withUnicodeWords(pattern), flavour })),
  ...cjkCompanionPatterns,
];

/** The kind of text a companion's code goes with, by the noun that names it: a talk's or a course's. */
const flavourByTextNoun: ReadonlyArray<readonly [RegExp, LearningFlavour]> = [
  [/\b(?:videos?|screencasts?|talks?|tutorial)$/i, "tutorial"],
  [/\b(?:course|lectures?|lessons?|workshop)$/i, "course"],
];

function findIn(text: string, where: CompanionCode["where"]): CompanionCode | null {
  for (const { pattern, flavour } of allPatterns) {
    pattern.lastIndex = 0;
    const match = pattern.exec(text);
    if (!match) continue;
    const said = match[0].trim();
    const named = flavour === "book" ? flavourByTextNoun.find(([noun]) => noun.test(said))?.[1] : undefined;
    return { text: said.slice(0, 60), flavour: named ?? flavour, where };
  }
  return null;
}

/** What the repository says of its code, first in the description, then in the README's opening. */
export function findCompanionCode(
  description: string | null,
  readmeOpening: string | null,
): CompanionCode | null {
  const examples = examplesFirst.exec((description ?? "").trim());
  if (examples) return { text: examples[0], flavour: "examples", where: "description" };
  return findIn(description ?? "", "description") ?? findIn(readmeOpening ?? "", "readme");
}

/** A title between its marks: «…», 《…》, <…>, "…", '…'. */
const titleInMarks = /[«《<“"'‘「『][^»》>”"'’」』]{1,60}[»》>”"'’」』]/gu;

/** Whether a word stands inside a title in what was said. */
function inTitle(said: string, word: string): boolean {
  const titles = said.match(titleInMarks) ?? [];
  return titles.some((title) => title.toLowerCase().includes(word.toLowerCase()));
}

/** How much a companion's build signals still count: they say the code runs, which it does. */
const BUILD_SIGNAL_FACTOR = 0.5;
/**
 * A collection of examples that says so in two places of its own (its owner, name, description, topics or
 * README opening) is one for sure, and every sample in it builds: its build signals count for little.
 */
const CORROBORATED_FACTOR = 0.25;
const COMPANION_WEIGHT = 2;

function isCorroboratedExamples(evidence: readonly Evidence[], companion: CompanionCode): boolean {
  if (companion.flavour !== "examples") return false;
  const sources = new Set(
    evidence
      .filter((item) => item.kind === "learning" && item.flavour === "examples" && item.weight >= 1)
      .map((item) => item.source),
  );
  return sources.size + (companion.where === "name" && !sources.has("name") ? 1 : 0) >= 2;
}

/**
 * The evidence with the build signals of the tree and the README halved, plus the saying itself. Words of
 * the description about software (an "app", a "framework") stay as they are: they are the repository's
 * own account of what it is.
 */
export function weighCompanionCode(evidence: readonly Evidence[], companion: CompanionCode): Evidence[] {
  const factor =
    companion.certain === true || isCorroboratedExamples(evidence, companion)
      ? CORROBORATED_FACTOR
      : BUILD_SIGNAL_FACTOR;
  const discounted = evidence.map((item) => {
    if (item.kind !== "software") return item;
    if (item.source === "contents" || item.source === "readme")
      return { ...item, weight: item.weight * factor };
    // A website's name is its address: "api.jquery.com" serves the API's documentation.
    if (companion.account && item.source === "name") return { ...item, weight: item.weight * factor };
    // Examples are tagged with what they show ("cuda-driver-api") and described by it ("Sample code for
    // the Speech SDK", "A sample Spring-based application"): the software words are their subject. So is
    // the app a course builds ("Aplicação desenvolvida durante a Semana OmniStack").
    if (
      (companion.flavour === "examples" || companion.flavour === "course") &&
      (item.source === "topics" || item.source === "description")
    )
      return { ...item, weight: item.weight * BUILD_SIGNAL_FACTOR };
    // A word of the book's own title is no account of the repository: "<머신러닝 파워드 애플리케이션>의 코드".
    if (item.source === "description" && inTitle(companion.text, item.text))
      return { ...item, weight: item.weight * CORROBORATED_FACTOR };
    return item;
  });
  // The description's own cues may have read the same words already ("All Algorithms implemented in …").
  const said = companion.text.toLowerCase();
  const alreadyRead = evidence.some(
    (item) => item.kind === "learning" && item.text.toLowerCase().includes(said),
  );
  if (alreadyRead || companion.where === "name") return discounted;
  return [
    ...discounted,
    companion.where === "description"
      ? {
          kind: "learning",
          source: "description",
          weight: COMPANION_WEIGHT,
          text: companion.text,
          flavour: companion.flavour,
        }
      : {
          kind: "learning",
          source: "readme",
          weight: COMPANION_WEIGHT,
          text: `'${companion.text}' in the README's opening`,
          flavour: companion.flavour,
        },
  ];
}
