import type { LearningFlavour } from "@/server/filtering/non-project-cues";
import { errataWords } from "@/server/filtering/repo-contents-names";

/**
 * The vocabulary the README stage reads structure with, in the languages GitHub READMEs are mostly written
 * in: the words that number teaching units ("Lesson 3", "第1章", "Урок 3", "Bài 1") and the section names
 * of software ("Installation", "安装", "Установка"). Every pattern is bounded (no unbounded quantifier
 * next to another that can match the same text) so that a hostile line costs linear time.
 */

export type UnitKind =
  | "lesson"
  | "chapter"
  | "day"
  | "week"
  | "module"
  | "unit"
  | "lecture"
  | "session"
  | "lab"
  | "class"
  | "exercise"
  | "problem"
  | "assignment"
  | "quiz";

export const unitFlavours: Record<UnitKind, LearningFlavour> = {
  lesson: "course",
  module: "course",
  unit: "course",
  lecture: "course",
  session: "course",
  lab: "course",
  class: "course",
  week: "course",
  assignment: "course",
  quiz: "course",
  exercise: "exercises",
  problem: "exercises",
  chapter: "book",
  day: "challenge",
};

/** Words written before the number, in lower case, by the unit they name. */
const wordsBefore: Record<UnitKind, readonly string[]> = {
  lesson: [
    "lesson",
    "lección",
    "leccion",
    "lição",
    "licao",
    "aula",
    "bài",
    "bai",
    "leçon",
    "lecon",
    "lektion",
  ].concat(["lezione", "урок", "ders", "pelajaran", "tema", "レッスン", "레슨"]),
  chapter: [
    "chapter",
    "ch",
    "capítulo",
    "capitulo",
    "chương",
    "chuong",
    "chapitre",
    "kapitel",
    "capitolo",
  ].concat(["глава", "bölüm", "bab", "チャプター"]),
  day: ["day", "día", "dia", "ngày", "jour", "giorno", "день", "hari"],
  week: ["week", "semana", "tuần", "tuan", "semaine", "woche", "settimana", "неделя", "hafta", "minggu"],
  module: ["module", "módulo", "modulo", "модуль", "modul"],
  unit: ["unit", "unidad", "unidade", "unité", "unità"],
  lecture: ["lecture", "лекция", "강의"],
  session: ["session", "buổi", "buoi", "занятие", "семинар", "clase"],
  lab: ["lab", "лабораторная", "práctica", "practica", "prática", "pratica"],
  class: ["class"],
  // An exercise's iterations: Ironhack's labs number theirs ("Iteration 1: Soldier").
  exercise: [
    "exercise",
    "ejercicio",
    "exercício",
    "exercicio",
    "exercice",
    "übung",
    "упражнение",
    "iteration",
  ],
  problem: ["problem", "problema", "задача"],
  assignment: ["assignment", "tarea", "tarefa", "homework", "задание"],
  quiz: ["quiz"],
};

const wordUnit = new Map<string, UnitKind>();
for (const [kind, words] of Object.entries(wordsBefore) as Array<[UnitKind, readonly string[]]>)
  for (const word of words) wordUnit.set(word, kind);

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const wordAlternatives = [...wordUnit.keys()]
  .sort((a, b) => b.length - a.length)
  .map(escape)
  .join("|");

/** "Lesson 3", "Day01", "Chapter #2", "Урок 3", "Bài 1": a unit word, then its number. */
const unitWordThenNumber = new RegExp(
  `(?<![\\p{L}\\p{N}])(${wordAlternatives})[ \\t]{0,3}[.:#№_-]?[ \\t]{0,3}0{0,3}([0-9]{1,3})(?![\\p{L}\\p{N}])`,
  "iu",
);

/** Chinese and Japanese counters after 第 and a number: 第1章, 第一章, 第3课, 第2回, 第5天. */
const cjkCounters: Record<string, UnitKind> = {
  章: "chapter",
  节: "chapter",
  節: "chapter",
  课: "lesson",
  課: "lesson",
  话: "lesson",
  話: "lesson",
  讲: "lecture",
  講: "lecture",
  回: "session",
  天: "day",
  日: "day",
  周: "week",
  週: "week",
  单元: "unit",
  單元: "unit",
};
const cjkOrdinal =
  /第[ \t]{0,2}([0-9０-９]{1,3}|[一二三四五六七八九十百零〇两]{1,5})[ \t]{0,2}(单元|單元|[章节節课課话話讲講回天日周週])/u;
/** Japanese "1日目" (day 1) and Korean counters after the number: 1장, 2강, 3주차, 4일차, 5교시, 6회차. */
const counterAfterNumber = /(?<![0-9])([0-9]{1,3})[ \t]?(日目|장|강|주차|일차|교시|회차)/u;
const koreanCounters: Record<string, UnitKind> = {
  日目: "day",
  장: "chapter",
  강: "lecture",
  주차: "week",
  일차: "day",
  교시: "class",
  회차: "session",
};

const cjkDigits: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** 十二 → 12, 二十三 → 23, 一百零五 → 105; also full-width digits. Only the small numbers units have. */
export function readCjkNumber(text: string): number {
  if (/^[0-9０-９]+$/.test(text))
    return Number(text.replace(/[０-９]/g, (digit) => String(digit.charCodeAt(0) - 0xff10)));
  let total = 0;
  let digit = 0;
  for (const char of text) {
    if (char === "百") {
      total += (digit || 1) * 100;
      digit = 0;
    } else if (char === "十") {
      total += (digit || 1) * 10;
      digit = 0;
    } else digit = cjkDigits[char] ?? 0;
  }
  return total + digit;
}

export type NumberedUnit = { kind: UnitKind; number: number; index: number };

/** The first numbered teaching unit in a line of text, in any of the known languages, or null. */
export function readNumberedUnit(text: string): NumberedUnit | null {
  const found: NumberedUnit[] = [];
  const word = unitWordThenNumber.exec(text);
  const kind = word?.[1] ? wordUnit.get(word[1].toLowerCase()) : undefined;
  if (word?.[2] && kind) found.push({ kind, number: Number(word[2]), index: word.index });
  const ordinal = cjkOrdinal.exec(text);
  const ordinalKind = ordinal?.[2] ? cjkCounters[ordinal[2]] : undefined;
  if (ordinal?.[1] && ordinalKind)
    found.push({ kind: ordinalKind, number: readCjkNumber(ordinal[1]), index: ordinal.index });
  const after = counterAfterNumber.exec(text);
  const afterKind = after?.[2] ? koreanCounters[after[2]] : undefined;
  if (after?.[1] && afterKind) found.push({ kind: afterKind, number: Number(after[1]), index: after.index });
  return found.sort((a, b) => a.index - b.index)[0] ?? null;
}

/** The unit a table column is named after ("| Lesson | Topic |", "| 章节 |"), for tables of numbered rows. */
export function readUnitColumn(cell: string): UnitKind | null {
  const text = cell.trim().toLowerCase();
  if (text === "章节" || text === "章節") return "chapter";
  return wordUnit.get(text) ?? wordUnit.get(text.replace(/s$/, "")) ?? null;
}

/**
 * Sections of software READMEs, matched at the start of a heading in lower case without its numbering.
 * "strong": what only software needs (install, usage, API, configuration); "weak": what courses and lists
 * have as often ("Getting started", "Contributing").
 */
const strongSoftwareSections = new RegExp(
  [
    String.raw`install|installation|installing|usage|api|api reference|configuration|config|options|cli|command line`,
    String.raw`commands|available commands|benchmarks?|changelog|plugins|integrations|build(?:ing)? from source`,
    String.raw`compatibility|supported platforms|features|quick ?start|building|how to use|example usage`,
    // Chinese, Japanese, Korean: no word boundary after these.
    String.raw`安装|安裝|使用|用法|快速开始|快速上手|配置|接口|编译|部署|インストール|使い方|使用方法|設定|導入`,
    String.raw`ビルド|クイックスタート|설치|사용법|사용 방법|사용하기|설정|빌드|빠른 시작`,
    String.raw`установка|использование|настройка|быстрый старт|конфигурация|сборка|запуск`,
    String.raw`instalación|instalacion|uso|configuración|configuracion|inicio rápido|compilación|cómo usar`,
    String.raw`instalação|instalacao|configuração|configuracao|início rápido|como usar|utilisation`,
    String.raw`démarrage rapide|verwendung|benutzung|konfiguration|schnellstart`,
    String.raw`cài đặt|sử dụng|cấu hình|hướng dẫn cài đặt|hướng dẫn sử dụng`,
    // Features and changelogs, as the English list has them.
    String.raw`特性|功能特性|更新日志|变更日志|特徴|変更履歴|기능|변경 사항|возможности|журнал изменений`,
    String.raw`история изменений|características|funcionalidades|registro de cambios|tính năng`,
  ].join("|"),
);
const strongSoftwareSection = new RegExp(
  `^(?:${strongSoftwareSections.source})(?:(?<=[^a-zà-ÿа-я])|(?![\\p{L}]))`,
  "u",
);
const weakSoftwareSection =
  /^(?:getting started|contributing|시작하기|como contribuir|contribuir|贡献|貢献|기여)(?:(?<=[^a-z])|(?![\p{L}]))/u;

export type SectionStrength = "strong" | "weak";

/** "Building the book", "Build the site": the set-up of a text, not of a program. */
const buildingAText =
  /^(?:build(?:ing)?|compil(?:e|ing)|render(?:ing)?|generat(?:e|ing)) (?:the |this )?(?:book|ebook|pdf|epub|notes|slides|site|website|docs|documentation)\b/;

export function readSoftwareSection(normalizedHeading: string): SectionStrength | null {
  if (buildingAText.test(normalizedHeading)) return null;
  if (strongSoftwareSection.test(normalizedHeading)) return "strong";
  if (weakSoftwareSection.test(normalizedHeading)) return "weak";
  return null;
}

/**
 * How a student hands the work in and when it is due: only a class asks for that ("Enviar solución de
 * reto", "과제 제출 전 체크리스트", "Data de entrega", "提出期限"). Course sections, and the mark of an
 * assignment's starter code (find-companion-code.ts).
 */
export const handInSections: readonly RegExp[] = [
  /^(?:submission|how to submit|deliverables|grading|rubric)\b/,
  /^(?:(?:c[oó]mo )?enviar (?:tu |la |su )?soluci[oó]n|env[ií]o de (?:la |tu )?soluci[oó]n|como (?:entregar|enviar) (?:o |seu |sua |a )?(?:desafio|projeto|solução|tarefa)|entrega d[aoe]|entregáveis|entregaveis|entregables|сдача|как сдать|제출|과제 제출|提交作业|作业提交|課題の提出|提出方法|nộp bài)/u,
  /^(?:due dates?|deadlines?|data de entrega|prazo de entrega|fecha de entrega|fecha l[ií]mite|提出期限|締め?切り?|截止日期|마감|срок сдачи|сроки сдачи|hạn nộp)/u,
];

/** Sections of learning material, matched like the software ones. */
export const learningSections: ReadonlyArray<readonly [RegExp, LearningFlavour]> = [
  [/^(?:exercises?|exercise solutions|practice|problems)\b/, "exercises"],
  [
    /^(?:练习|習題|习题|课后习题|课后练习|演習|練習問題|연습 문제|упражнения|ejercicios|exercícios|exercicios|bài tập)/u,
    "exercises",
  ],
  [/^solutions?\b/, "solutions"],
  [/^(?:题解|解答|решения|soluciones|soluções)/u, "solutions"],
  [/^(?:homework|assignments?|quiz(?:zes)?|labs|lessons|lectures|syllabus|curriculum)\b/, "course"],
  [/^(?:作业|作業|课程大纲|教学大纲|課題|과제|домашн|tareas|programa del curso|ementa)/u, "course"],
  [/^course (?:outline|content|contents|structure|overview|schedule)\b/, "course"],
  // Who teaches it and what the subject is: a class's repository introduces its course and its teacher.
  [
    /^(?:instructors?|lecturers?|teaching assistants?|course (?:info|information|description)|about (?:the|this) course)\b/,
    "course",
  ],
  [
    /^(?:giới thiệu môn học|thông tin môn học|giảng viên|đồ án môn học|información del curso|información de la asignatura|docentes?\b|sobre a disciplina|informações da disciplina|о курсе|преподавател|课程信息|课程简介|课程介绍|授课教师|任课教师|授業概要|講師|강의 소개|수업 소개|강사\b)/u,
    "course",
  ],
  ...handInSections.map((pattern) => [pattern, "course"] as const),
  [/^(?:what you(?:'|’)?ll learn|what you will learn|learning (?:objectives|outcomes|path))\b/, "course"],
  [
    /^(?:objetivos? de aprendiza(?:je|gem)|o que (?:você vai|vamos|voc[êe] vai) aprender|qu[ée] (?:vas a aprender|aprender[áa]s)|lo que aprender[áa]s|学習目標|到達目標|学べること|学习目标|학습 ?목표|배우는 내용|цели обучения|чему вы научитесь|что вы узнаете|mục tiêu (?:học tập|khóa học|môn học)|bạn sẽ học được gì)/u,
    "course",
  ],
  [/^chapters?\b/, "book"],
  [new RegExp(`^(?:${errataWords})`, "u"), "book"],
  [
    /^(?:build(?:ing)?|compil(?:e|ing)|render(?:ing)?|generat(?:e|ing)) (?:the |this )?(?:book|ebook|pdf|epub)\b/,
    "book",
  ],
];

/** Sections whose questions are a software FAQ, not an interview question bank. */
export const faqSection =
  /^(?:faq|faqs|frequently asked|troubleshooting|常见问题|常見問題|よくある質問|자주 묻는 질문|часто задаваемые|preguntas frecuentes|perguntas frequentes|câu hỏi thường gặp)/u;
