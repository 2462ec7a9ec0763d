import { isLicensed, type Evidence, type NonProjectInput } from "@/server/filtering/non-project-evidence";
import { TRANSLATED_TEXT_WEIGHT } from "@/server/filtering/non-project-cues";
import {
  findCompanionCode,
  weighCompanionCode,
  type CompanionCode,
} from "@/server/filtering/read-companion-code";
import { findCoursePlatformMarker, siteGeneratorFiles } from "@/server/filtering/repo-contents-names";
import { isExampleName, isStudyCollectionName } from "@/server/filtering/read-name-evidence";
import {
  isBookPublisher,
  isDocumentationRepository,
  isLocaleOwner,
  isOwnerOfExamples,
} from "@/server/filtering/read-owner-evidence";

/** A book's, a course's or a study collection's code: its build signals count half (read-companion-code.ts). */
export function withCompanionCode(
  evidence: Evidence[],
  repo: NonProjectInput,
  opening: string | null,
): Evidence[] {
  const companion =
    findCoursePlatform(repo) ??
    findCompanionCode(repo.description, opening) ??
    findExampleCode(repo) ??
    findTranslation(evidence, repo.owner) ??
    findDocumentationSite(evidence, repo) ??
    findSiteOfText(evidence, repo) ??
    findListSite(evidence) ??
    findCourseCode(evidence, repo, opening);
  if (!companion) return evidence;
  const weighed = weighCompanionCode(evidence, companion);
  const secondAccount =
    companion.flavour === "translation" ? translationSaidAgain(evidence, repo.owner) : companion.account;
  if (secondAccount) weighed.push(secondAccount);
  return weighed;
}

/** A course platform's exercise: its marker says who it is, so its build counts as the exercise's. */
function findCoursePlatform(repo: NonProjectInput): CompanionCode | null {
  const marker = findCoursePlatformMarker(repo.contents);
  if (marker === null) return null;
  return { text: `a course platform's '${marker}'`, flavour: "course", where: "name", certain: true };
}

/**
 * A translation that a second account of its own confirms: a community named for the language keeps it
 * ("vuejs-kr"), or its name's locale and its README's words agree ("angular-ja": "…を日本語に翻訳するた
 * めのものです"), which no program's do in the labelled sets.
 */
function translationSaidAgain(evidence: readonly Evidence[], owner: string | undefined): Evidence | null {
  const said = (text: string, source: Evidence["source"]): Evidence => ({
    kind: "learning",
    source,
    weight: 1,
    text,
    flavour: "translation",
  });
  if (isLocaleOwner(owner)) return said(`kept by '${owner ?? ""}', named for a language`, "name");
  const says = (source: Evidence["source"]) =>
    evidence.some(
      (item) => item.kind === "learning" && item.flavour === "translation" && item.source === source,
    );
  return says("name") && says("readme")
    ? said("a translation by its name and by its README", "readme")
    : null;
}

/** A translated book or documentation site builds the text it translates, like a book's own code. */
function findTranslation(evidence: readonly Evidence[], owner: string | undefined): CompanionCode | null {
  const translation = evidence
    .filter((item) => item.kind === "learning" && item.flavour === "translation" && item.weight >= 1)
    .sort((a, b) => b.weight - a.weight);
  const said = translation[0];
  if (!said) return null;
  // "React documentation website in Spanish": a text named as translated is one, whatever builds it. So
  // is one that says so in two places of its own: "kr.vuejs.org" kept by "vuejs-kr", a README that calls
  // itself "bản dịch" in a translators' organisation ("vuejs-vn"). An owner's locale alone says nothing:
  // "textlint-ja" publishes Japanese linting rules.
  const sources = new Set<string>(translation.map((item) => item.source));
  if (isLocaleOwner(owner)) sources.add("owner");
  const certain =
    (said.source === "description" && said.weight >= TRANSLATED_TEXT_WEIGHT) || sources.size >= 2;
  return { text: said.text, flavour: "translation", where: "name", certain };
}

/**
 * Examples by their owner ("Azure-Samples") or their name ("example-voting-app"), and a publisher's book
 * listings, run like software too.
 */
function findExampleCode(repo: NonProjectInput): CompanionCode | null {
  if (isBookPublisher(repo.owner))
    return {
      text: `owned by '${repo.owner ?? ""}', a publisher`,
      flavour: "book",
      where: "name",
      certain: true,
    };
  if (isOwnerOfExamples(repo.owner))
    return { text: `owned by '${repo.owner ?? ""}'`, flavour: "examples", where: "name" };
  if (isExampleName(repo.name)) return { text: `named '${repo.name}'`, flavour: "examples", where: "name" };
  if (isDocumentationRepository(repo.name, repo.owner))
    return { text: `named '${repo.name}'`, flavour: "guide", where: "name" };
  if (isStudyCollectionName(repo.name))
    return { text: `named '${repo.name}'`, flavour: "solutions", where: "name" };
  return null;
}

/** A website's name: a domain ("webpack.js.org", "react.dev", "keras-io") or a site's ("helm-www", "hexo-site"). */
const websiteName =
  /\.(?:org|com|dev|io|net|info|site|app|guide|cn|jp|kr|ru|vn|br|es|fr|de)$|-(?:org|com|dev|io|net)$|(?:^|[-_.])(?:www|website|site|homepage)$/i;
/** A description that calls the repository a website: "The Scala Documentation website", "文档网站". */
const websiteSaid =
  /\b(?:web ?site|site web|sitio web)\b|网站|網站|ウェブサイト|웹사이트|веб-сайт|сайт\p{L}{0,3}(?!\p{L})|trang web/iu;
/** The repository named as documentation, in the languages the detector reads. */
const documentationCue =
  /^(?:documentation|docs?|documentaci[oó]n|documenta[cç][aã]o|документация|文档|文檔|ドキュメント|문서|tài liệu)$/iu;

/**
 * A project's documentation website: named as a site and said to be documentation ("The React
 * documentation website", "webpack.js.org"). Its build serves the text, like a translated book's.
 */
function findDocumentationSite(evidence: readonly Evidence[], repo: NonProjectInput): CompanionCode | null {
  const namedAsSite = websiteName.test(repo.name);
  if (!namedAsSite && !websiteSaid.test(repo.description ?? "")) return null;
  const said = evidence.find(
    (item) =>
      item.source === "description" &&
      item.kind === "learning" &&
      item.weight >= 1 &&
      documentationCue.test(item.text.trim()),
  );
  if (!said) return null;
  const account: Evidence = {
    kind: "learning",
    source: "name",
    weight: 1.5,
    text: namedAsSite ? `a documentation website ('${repo.name}')` : "a documentation website",
    flavour: "guide",
  };
  return { text: said.text, flavour: "guide", where: "name", certain: true, account };
}

/** A list of links that says so in two places of its own (name, description, topics): whatever builds it renders the list. */
function findListSite(evidence: readonly Evidence[]): CompanionCode | null {
  const said = evidence.filter(
    (item) =>
      item.kind === "link-list" &&
      item.weight >= 1.5 &&
      ["name", "description", "topics"].includes(item.source),
  );
  if (new Set(said.map((item) => item.source)).size < 2) return null;
  return { text: said[0]?.text ?? "", flavour: "general", where: "name" };
}

const textFlavours: ReadonlySet<string | undefined> = new Set([
  "book",
  "guide",
  "tutorial",
  "course",
  "notes",
]);

/** A site generator's text (VuePress, MkDocs, Docusaurus) that calls itself a book or a guide: it builds the text. */
function findSiteOfText(evidence: readonly Evidence[], repo: NonProjectInput): CompanionCode | null {
  if (!repo.contents?.some((entry) => siteGeneratorFiles.test(entry.name))) return null;
  const said = evidence.find(
    (item) =>
      (item.source === "description" || item.source === "readme") &&
      item.kind === "learning" &&
      item.weight >= 0.9 &&
      textFlavours.has(item.flavour),
  );
  if (!said) return null;
  return { text: said.text, flavour: said.flavour ?? "guide", where: "name" };
}

/**
 * A course's own repository: named for the course ("curso-de-laravel-desde-cero"), said to be one again in
 * its description or README, and kept to itself, with no licence. Its app is the course's exercise, built
 * along with the lessons; a course platform names itself and licenses its code.
 *
 * A learner's copy says less: named for a tutorial, a course's subject or exercises ("java_honkaku_nyumon",
 * "mon-hoc-lap-trinh-java"), with no description, no README and no licence, it is what someone built while
 * following the lessons. A name that only says "learn", or names a guide or a site, is no lesson's.
 *
 * An exercise's scaffold says it in its words and shows it in its size: a build around less than 10 KB of
 * code, with no licence, that its description or README calls a mission, a task or a course's work ("로또
 * 미션 진행을 위한 저장소"), is the starter students fill in. Whatever its size and under its school's licence
 * too, when its README says how to hand the work in ("Enviar solución de reto", "과제 제출 전 체크리스트").
 */
const vagueFlavours: ReadonlySet<string | undefined> = new Set([undefined, "general"]);
const unspokenFlavours: ReadonlySet<string | undefined> = new Set([...vagueFlavours, "guide"]);

function findCourseCode(
  evidence: readonly Evidence[],
  repo: NonProjectInput,
  opening: string | null,
): CompanionCode | null {
  // An assignment's starter code may carry its school's licence; its README still says how to hand it in.
  const handsIn = evidence.some((item) => item.handIn === true);
  if (!repo.contents || repo.contents.length === 0 || (isLicensed(repo) && !handsIn)) return null;
  const silent = opening === null && !repo.description?.trim();
  const named = evidence.find(
    (item) =>
      item.source === "name" &&
      item.kind === "learning" &&
      item.weight >= 1.5 &&
      (item.flavour === "course" || (silent && !unspokenFlavours.has(item.flavour))),
  );
  const said = (flavours: ReadonlySet<string | undefined>) =>
    evidence.find(
      (item) =>
        (item.source === "description" || item.source === "readme") &&
        item.kind === "learning" &&
        item.weight >= 1 &&
        !flavours.has(item.flavour),
    );
  if (named && (silent || said(vagueFlavours)))
    return { text: named.text, flavour: named.flavour ?? "course", where: "name" };
  const task = said(unspokenFlavours);
  const tiny = evidence.some((item) => item.kind === "no-code" && item.source === "languages");
  // A scaffold is cloned, not installed: a small package its README installs by name is published.
  const published = evidence.some((item) => item.published === true);
  // A README that says how to hand the work in speaks for the scaffold whatever its size: a lab's app.
  if (!(tiny || handsIn) || !task || published) return null;
  const where = task.source === "description" ? "description" : "readme";
  return { text: task.text, flavour: task.flavour ?? "exercises", where };
}
