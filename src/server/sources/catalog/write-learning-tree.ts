import {
  exampleTopics,
  interviewTopics,
  mediaFolders,
  partFolderStyles,
  syllabusTopics,
  type PartStyle,
} from "./catalog-tree-vocabulary";
import { add, addManifest, folder, packageName, type TreeBuilder } from "./tree-builder";

/**
 * The top levels of learning material and lists of links in the demo catalog: numbered lessons, days,
 * weeks or chapters, mostly Markdown and pictures, and only now and then a manifest, as real courses
 * sometimes carry a package.json for their exercises.
 */

export function addAwesomeList(builder: TreeBuilder): void {
  const { random } = builder;
  if (random.chance(0.45)) folder(builder, ".github");
  if (random.chance(0.25)) folder(builder, random.pick(["media", "assets"]));
  if (random.chance(0.3)) add(builder, ".gitignore");
  // Some lists check their links with a small script or an .awesome-lint config.
  if (random.chance(0.12)) add(builder, random.pick([".awesomerc.json", "scripts/", "package.json"]));
}

/** Numbered part folders: "Day-01" … "Day-30", "lesson-03-functions", "chapter07". */
function addParts(builder: TreeBuilder, style: PartStyle, count: number): void {
  const { random } = builder;
  const pattern = random.pick(partFolderStyles[style]);
  const width = count >= 100 ? 3 : random.chance(0.8) ? 2 : 1;
  for (let index = 1; index <= count; index += 1) {
    const name = pattern
      .replace("{n}", String(index).padStart(width, "0"))
      .replace("{topic}", syllabusTopics[index - 1] ?? `part-${index}`);
    folder(builder, name);
  }
}

/** Pictures, a .gitignore, and now and then the workflow that publishes the material as a site. */
function addLearningTrimmings(builder: TreeBuilder): void {
  const { random } = builder;
  if (random.chance(0.6)) folder(builder, random.pick(mediaFolders));
  if (random.chance(0.5)) add(builder, ".gitignore");
  if (random.chance(0.15)) folder(builder, ".github");
}

/** Real learning material sometimes carries a manifest for its exercises; the filter must not trip on it. */
function addManifestNowAndThen(builder: TreeBuilder, webChance: number, otherChance: number): void {
  const { random } = builder;
  const language = builder.primaryLanguage;
  if (language === "JavaScript" || language === "TypeScript") {
    if (random.chance(webChance)) {
      add(builder, "package.json");
      if (random.chance(0.5)) add(builder, "package-lock.json");
    }
  } else if (language === "Python" || language === "Jupyter Notebook") {
    if (random.chance(webChance)) add(builder, random.pick(["requirements.txt", "environment.yml"]));
  } else if (random.chance(otherChance)) {
    addManifest(builder);
  }
}

export function addTutorial(builder: TreeBuilder): void {
  const { random } = builder;
  const layout = random.pickWeighted([
    ["lessons", 3],
    ["days", 2],
    ["chapters", 2],
    ["book", 1],
    ["notes", 1],
  ] as const);
  switch (layout) {
    case "lessons":
      addParts(builder, "lessons", random.int(8, 20));
      break;
    case "days":
      // 30 and 100 days are the usual challenges; a year of days outgrows what the details keep.
      addParts(
        builder,
        "days",
        random.pickWeighted([
          [30, 4],
          [21, 1],
          [50, 1],
          [100, 2],
          [365, 0.5],
        ] as const),
      );
      break;
    case "chapters":
      addParts(builder, "chapters", random.int(6, 16));
      break;
    case "book":
      // An mdBook: its chapters are Markdown under src/, which makes src/ no sign of code.
      add(builder, "book.toml");
      folder(builder, "src");
      if (random.chance(0.5)) folder(builder, "theme");
      break;
    case "notes": {
      const count = random.int(6, 18);
      for (let index = 1; index <= count; index += 1) {
        const topic = syllabusTopics[index - 1] ?? `topic-${index}`;
        add(builder, `${String(index).padStart(2, "0")}-${topic}.md`);
      }
      break;
    }
  }
  if (random.chance(0.35)) folder(builder, "exercises");
  if (random.chance(0.25)) folder(builder, "solutions");
  if (random.chance(0.15)) folder(builder, "projects");
  addManifestNowAndThen(builder, 0.25, 0.06);
  addLearningTrimmings(builder);
}

export function addCourse(builder: TreeBuilder): void {
  const { random } = builder;
  const style = random.pickWeighted([
    ["weeks", 3],
    ["lectures", 2],
    ["lessons", 1],
  ] as const);
  addParts(builder, style, style === "weeks" ? random.int(8, 14) : random.int(10, 24));
  if (random.chance(0.6)) folder(builder, "slides");
  folder(builder, random.pick(["labs", "assignments", "homework"]));
  if (random.chance(0.5)) add(builder, random.pick(["syllabus.md", "SYLLABUS.md", "schedule.md"]));
  if (random.chance(0.3)) folder(builder, "quizzes");
  addManifestNowAndThen(builder, 0.35, 0.08);
  addLearningTrimmings(builder);
}

export function addCheatsheet(builder: TreeBuilder): void {
  const { random } = builder;
  const topic = packageName(builder.repoName).replace(/_/g, "-");
  const sheet = random.pick(["cheatsheet", topic]);
  // The sheet in Markdown, as a PDF, or both.
  const format = random.pickWeighted([
    ["md", 5],
    ["pdf", 1],
    ["both", 2],
  ] as const);
  if (format !== "pdf") add(builder, `${sheet}.md`);
  if (format !== "md") add(builder, `${sheet}.pdf`);
  if (random.chance(0.35)) folder(builder, "sections");
  if (random.chance(0.4)) folder(builder, random.pick(mediaFolders));
}

export function addInterview(builder: TreeBuilder): void {
  const { random } = builder;
  const topics = random.sample(interviewTopics, random.int(5, 10));
  if (random.chance(0.5)) for (const topic of topics) folder(builder, topic);
  else for (const topic of topics) add(builder, `${topic}.md`);
  if (random.chance(0.4)) {
    // LeetCode style: solutions in the language, one file per problem, under folders.
    folder(builder, "problems");
    folder(builder, "solutions");
  }
  if (random.chance(0.3)) add(builder, random.pick(["questions.md", "answers.md"]));
  if (random.chance(0.08)) addManifest(builder);
  addLearningTrimmings(builder);
}

export function addExamples(builder: TreeBuilder): void {
  const { random } = builder;
  const topics = random.sample(exampleTopics, random.int(8, 18));
  const numbered = random.chance(0.5);
  topics.forEach((topic, index) => {
    folder(builder, numbered ? `${String(index + 1).padStart(2, "0")}-${topic}` : topic);
  });
  // Examples are often one workspace with a manifest at the top: the hardest kind to tell from a project.
  if (random.chance(0.45)) addManifest(builder);
  if (random.chance(0.3)) folder(builder, ".github");
  if (random.chance(0.6)) add(builder, ".gitignore");
}
