import { describe, expect, it } from "vitest";
import { assessMetadata, DROP_THRESHOLD } from "@/server/filtering/assess-non-project";
import { multilingualDescriptionCues } from "@/server/filtering/multilingual-cues";
import type { NonProjectInput } from "@/server/filtering/non-project-evidence";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";
import { foldText, normalizeText, segmentStarts, withUnicodeWords } from "@/server/filtering/tokenize-text";

function repo(fields: Partial<NonProjectInput> & Pick<NonProjectInput, "name">): NonProjectInput {
  return { description: null, topics: [], ...fields };
}

function verdict(name: string, description: string, topics: string[] = []): "keep" | "drop" {
  return assessMetadata(repo({ name, description, topics })).verdict;
}

function cueTexts(description: string, kind: "learning" | "software" | "link-list"): string[] {
  return readDescriptionEvidence(description)
    .filter((item) => item.kind === kind)
    .map((item) => item.text);
}

describe("tokenize-text", () => {
  it("reads \\b and \\w in cues as Unicode word boundaries and word characters", () => {
    const til = withUnicodeWords(/\btil\b/gi);
    expect("Una librería útil".match(til)).toBeNull();
    expect("TIL: things I learned".match(til)).toEqual(["TIL"]);
    const course = withUnicodeWords(/\bкурс\b/giu);
    expect("Курс по Go".match(course)).toEqual(["Курс"]);
    expect("курсор".match(course)).toBeNull();
    expect("hello wörld".match(withUnicodeWords(/\w+/g))).toEqual(["hello", "wörld"]);
  });

  it("keeps escapes and character classes intact", () => {
    const pattern = withUnicodeWords(/\b[\w+#.-]+\s\d+\b/gi);
    expect("learn c++ 20 times".match(pattern)).toEqual(["c++ 20"]);
    expect(pattern.flags).toContain("u");
  });

  it("normalises decomposed accents and full-width Latin, but keeps CJK punctuation", () => {
    expect(normalizeText("programac\u0327a\u0303o")).toBe("programação");
    expect(normalizeText("Ｐｙｔｈｏｎ入門：基礎")).toBe("Python入門：基礎");
    expect(foldText("Ｃｕｒｓｏ")).toBe("curso");
  });

  it("finds where Chinese and Japanese words start", () => {
    const starts = segmentStarts("同学习惯");
    expect(starts.has(0)).toBe(true);
    expect(starts.has(1)).toBe(false);
    expect(starts.has(2)).toBe(true);
    expect(segmentStarts("Python教程").has(6)).toBe(true);
  });
});

describe("multilingual description cues", () => {
  it("never weigh as much as the drop threshold alone", () => {
    for (const cue of multilingualDescriptionCues)
      expect(cue.weight, cue.pattern.source).toBeLessThan(DROP_THRESHOLD);
  });

  it("match CJK cues inside words without spaces", () => {
    expect(cueTexts("Python教程", "learning")).toContain("教程");
    expect(cueTexts("Rust 入门教程", "learning")).toEqual(expect.arrayContaining(["入门", "教程"]));
    expect(cueTexts("Go言語入門", "learning")).toContain("入門");
  });

  it("read algorithms implemented in Chinese descriptions as a study collection, unless a library heads it", () => {
    expect(cueTexts("机器学习算法python实现", "learning")).toEqual(["算法python实现"]);
    expect(cueTexts("常用数据结构与算法的Java实现", "learning")).toEqual(["算法的Java实现"]);
    const library = readDescriptionEvidence("高性能算法实现库");
    expect(library.find((item) => item.kind === "software")?.weight).toBeGreaterThan(
      library.find((item) => item.kind === "learning")?.weight ?? 0,
    );
  });

  it("read a Korean collection of examples as examples, not as a list of links", () => {
    const evidence = readDescriptionEvidence("자바 강의 예제 모음");
    expect(evidence).toContainEqual(
      expect.objectContaining({ text: "예제 모음", flavour: "examples", weight: 2.5 }),
    );
  });

  it("read a sample application in Japanese and Chinese as an example, an application alone as software", () => {
    expect(cueTexts("Ruby on Rails チュートリアルのサンプルアプリケーション", "learning")).toContain(
      "サンプルアプリケーション",
    );
    expect(cueTexts("Spring Boot 示例应用", "learning")).toEqual(["示例应用"]);
    expect(cueTexts("ToDo管理アプリケーション", "learning")).toEqual([]);
  });

  it("read a Japanese training course as a course, whatever app it teaches to build", () => {
    expect(
      cueTexts("Android アプリ開発の基礎知識と実務スキルを身に付けるトレーニングコース", "learning"),
    ).toEqual(["トレーニングコース"]);
  });

  it("read study and lecture materials in Japanese, but not a tool that manages documents", () => {
    expect(cueTexts("勉強用資料", "learning")).toEqual(["勉強用資料"]);
    expect(cueTexts("授業資料とスライド", "learning")).toContain("授業資料");
    expect(cueTexts("資料管理ツール", "learning")).toEqual([]);
  });

  it("do not read a cue across a word boundary or inside a field name", () => {
    expect(cueTexts("统计同学习惯的小工具", "learning")).toEqual([]);
    expect(cueTexts("机器学习算法库", "learning")).toEqual([]);
    expect(cueTexts("基于深度学习的图像分割框架", "learning")).toEqual([]);
    expect(cueTexts("機械学習ライブラリ", "learning")).toEqual([]);
    expect(cueTexts("Библиотека для машинного обучения", "learning")).toEqual([]);
    expect(cueTexts("Thư viện học máy cho Python", "learning")).toEqual([]);
  });

  it("read a template or a boilerplate in Japanese and Korean as software others start from", () => {
    expect(cueTexts("Next.js と TypeScript のプロジェクトテンプレート", "software")).toContain(
      "テンプレート",
    );
    expect(cueTexts("스프링 부트 프로젝트 템플릿", "software")).toContain("템플릿");
  });

  it("read a class's students and semester in every language, as in English", () => {
    for (const [text, cue] of [
      ["Manual da Pessoa Estudante", "Estudante"],
      ["Proyecto para los alumnos del curso", "alumnos"],
      ["Задачи для студентов первого курса", "студентов"],
      ["Bài tập cho sinh viên năm nhất", "sinh viên"],
      ["面向学生的作业", "学生"],
      ["학생 과제 모음", "학생"],
    ] as const)
      expect(cueTexts(text, "learning"), text).toContain(cue);
  });

  it("read a Vietnamese internship's repository as a course's", () => {
    expect(cueTexts("Kho git thực tập mùa 04 - OpenStack team @ VNPT", "learning")).toEqual(["thực tập"]);
    expect(cueTexts("Thư viện xử lý ảnh cho Python", "learning")).toEqual([]);
  });

  it("read a translation under way in Japanese and Chinese, but not a translation tool", () => {
    expect(cueTexts("公式サイトを日本語に翻訳するためのものです", "learning")).toEqual(["日本語に翻訳"]);
    expect(cueTexts("原文のコミットを翻訳中です", "learning")).toEqual(["翻訳中"]);
    expect(cueTexts("这个仓库把英文原版翻译成中文", "learning")).toEqual(["翻译成中文"]);
    expect(cueTexts("翻译中文字幕的小工具", "learning")).toEqual([]);
  });

  it("read a model trained on data as training, not as study, in Korean and Japanese", () => {
    expect(cueTexts("🤗 Korean Comments ELECTRA: 한국어 댓글로 학습한 ELECTRA 모델", "learning")).toEqual([]);
    expect(cueTexts("한국어 사전 학습 언어 모델", "learning")).toEqual([]);
    expect(cueTexts("日本語Wikipediaで学習させたBERTモデル", "learning")).toEqual([]);
    // Studying is still studying.
    expect(cueTexts("알고리즘 학습 기록", "learning")).not.toEqual([]);
    expect(cueTexts("파이썬 학습 저장소", "learning")).not.toEqual([]);
    expect(cueTexts("メモリ効率の良いJSONパーサ", "learning")).toEqual([]);
    expect(cueTexts("リリースノートを自動生成するツール", "learning")).toEqual([]);
    expect(cueTexts("Курс валют в терминале", "learning")).toEqual([]);
  });

  it("read a Romance noun before 'de' as the head and what follows as its subject", () => {
    const weightOf = (description: string, text: string) =>
      readDescriptionEvidence(description).find((item) => item.text === text)?.weight ?? 0;
    // A course on the backend, and a platform of courses: the first noun names the thing either way.
    expect(weightOf("Curso de Backend con Node", "Curso")).toBeGreaterThan(
      weightOf("Curso de Backend con Node", "Backend"),
    );
    expect(weightOf("Plataforma de cursos online", "Plataforma")).toBeGreaterThan(
      weightOf("Plataforma de cursos online", "cursos"),
    );
  });

  it("tell the Spanish 'libro' (book) from 'librería' (a library)", () => {
    expect(new Set(cueTexts("Un libro sobre Rust", "learning"))).toEqual(new Set(["libro"]));
    expect(cueTexts("Una librería útil para fechas", "learning")).toEqual([]);
    expect(cueTexts("Una librería útil para fechas", "software")).toEqual(["librería"]);
  });

  it("ignore negated software words in other languages", () => {
    expect(cueTexts("Proyectos de JavaScript puro, sin frameworks", "software")).toEqual([]);
    expect(cueTexts("Упражнения на чистом JavaScript без фреймворков", "software")).toEqual([]);
    expect(cueTexts("原生 JavaScript 练习项目，不依赖任何框架", "software")).toEqual([]);
    expect(cueTexts("Lista de tareas con React", "link-list")).toEqual([]);
    expect(cueTexts("Стажировки: рекомендации для кандидатов и тестовые задания", "learning")).toEqual([
      "тестовые задания",
    ]);
  });

  it("read the last noun of a Chinese compound as the thing", () => {
    const framework = readDescriptionEvidence("一个用于编写交互式教程的框架");
    const tutorialWeight = framework.find((item) => item.text === "教程")?.weight ?? 0;
    const frameworkWeight = framework.find((item) => item.text === "框架")?.weight ?? 0;
    expect(frameworkWeight).toBeGreaterThan(tutorialWeight);
    const tutorial = readDescriptionEvidence("Spring Boot 框架教程");
    expect(tutorial.find((item) => item.text === "教程")?.weight).toBeGreaterThan(
      tutorial.find((item) => item.text === "框架")?.weight ?? 0,
    );
  });

  it("read an English compound that ends on a learning noun as that noun: SDK samples are samples", () => {
    const weightOf = (evidence: ReturnType<typeof readDescriptionEvidence>, text: string) =>
      evidence.find((item) => item.text === text)?.weight ?? 0;
    const samples = readDescriptionEvidence("Temporal Java SDK samples");
    expect(weightOf(samples, "samples")).toBeGreaterThan(weightOf(samples, "SDK"));
    const written = readDescriptionEvidence("API samples for the Universal Windows Platform");
    expect(weightOf(written, "samples")).toBeGreaterThan(weightOf(written, "API"));
    // A target to practise attacks on is deployed, whatever exercises come with it.
    const target = readDescriptionEvidence("A deliberately-vulnerable website and exercises for teaching");
    expect(target.find((item) => item.kind === "software")?.text).toBe("deliberately-vulnerable");
    // Books, courses and documentation are open source as often as programs are.
    expect(cueTexts("Open source documentation of Microsoft Azure", "software")).toEqual([]);
    // An exemplifying word keeps its noun an example: a sample app is a sample.
    const sampleApp = readDescriptionEvidence("A sample audio app for Android");
    expect(weightOf(sampleApp, "A sample")).toBeGreaterThan(weightOf(sampleApp, "app"));
    const tested = readDescriptionEvidence("An example-based testing library");
    expect(weightOf(tested, "library")).toBeGreaterThan(weightOf(tested, "An example"));
    const quickstarts = readDescriptionEvidence("WildFly Quickstarts");
    expect(weightOf(quickstarts, "Quickstarts")).toBeGreaterThan(1);
    const chained = readDescriptionEvidence("Welcome to the Bot Framework samples repository");
    expect(weightOf(chained, "samples")).toBeGreaterThan(weightOf(chained, "Bot"));
    // A preposition ends a compound: these are recipes, for testing.
    const recipes = readDescriptionEvidence("Various recipes for testing common scenarios with Cypress");
    expect(weightOf(recipes, "recipes")).toBeGreaterThan(weightOf(recipes, "for testing"));
    // Only the clause's last noun heads it: a framework for examples is still a framework.
    const framework = readDescriptionEvidence("SDK examples framework for docs sites");
    expect(weightOf(framework, "framework")).toBeGreaterThan(weightOf(framework, "examples"));
  });
});

describe("documentation, in any language", () => {
  it("reads a repository that calls itself documentation as a guide, and a documentation tool as a tool", () => {
    for (const description of [
      "Documentation for Mattermost",
      "The Laravel documentation.",
      "Документация по Python на русском",
      "Documentación oficial de Vue",
      "Documentação do Flutter",
      "Vue.js 日本語ドキュメント",
      "Taro 官方文档",
    ])
      expect(cueTexts(description, "learning"), description).not.toEqual([]);
    for (const description of [
      "The Sphinx documentation generator",
      "A clean customizable documentation theme for Sphinx",
      "文档生成工具",
      "Interactive documentation and code snippets for .NET",
    ]) {
      const documentation = readDescriptionEvidence(description).filter((item) =>
        /documentation|文档/i.test(item.text),
      );
      expect(
        documentation.every((item) => item.weight < 1),
        description,
      ).toBe(true);
    }
  });
});

describe("learning material described in other languages is dropped", () => {
  it.each([
    ["Chinese", "go-biji", "Go 语言学习笔记，附常见面试题与参考答案"],
    ["Chinese, traditional", "py-notes", "Python 零基礎入門教學與練習"],
    ["Chinese, a book's notes", "csapp-notes", "《计算机系统基础》读书笔记与习题解答"],
    ["Japanese", "rust-nyumon", "初心者向けのRust入門チュートリアルと演習問題"],
    ["Korean", "cs-study", "컴퓨터 공학 공부 정리와 기술 면접 대비"],
    ["Korean, solutions", "algo", "알고리즘 문제 풀이와 학습 기록"],
    ["Korean, interview questions", "dev-interview", "개발자 기술 면접 질문 모음"],
    ["Russian", "algo-konspekt", "Конспекты лекций по алгоритмам для начинающих"],
    ["Russian, interview", "py-interview", "Вопросы и ответы для подготовки к собеседованию"],
    ["Vietnamese", "python-co-ban", "Khóa học lập trình Python cho người mới bắt đầu"],
    ["Vietnamese, exercises", "ctdl", "Bài tập và lời giải cấu trúc dữ liệu và giải thuật"],
    ["Vietnamese, compiled", "giai-thuat", "Tổng hợp bài tập giải thuật kèm lời giải"],
    ["Spanish", "js-desde-cero", "Curso de JavaScript desde cero con ejercicios resueltos"],
    ["Spanish, notes", "so-uni", "Apuntes de la asignatura de Sistemas Operativos"],
    ["Portuguese", "java-estudos", "Anotações e exercícios do curso de Java"],
    ["Portuguese, book", "fp-livro", "Livro sobre programação funcional para iniciantes"],
  ])("%s: %s", (_language, name, description) => {
    expect(verdict(name, description)).toBe("drop");
  });

  it("reads topics and names in Spanish, Portuguese and pinyin", () => {
    expect(verdict("retos-semanales", "Retos de programación para practicar", ["ejercicios"])).toBe("drop");
    expect(verdict("java-mianshi", "Java 后端知识点总结", ["mianshi"])).toBe("drop");
    expect(verdict("curso-react", "React y Next.js", ["curso", "principiantes"])).toBe("drop");
  });
});

describe("software described in other languages is kept", () => {
  it.each([
    [
      "Chinese deep-learning framework",
      "torchlet",
      "一个基于 PyTorch 的轻量级深度学习框架，支持分布式训练",
      ["deep-learning"],
    ],
    ["Chinese ML library", "mlkit", "机器学习算法库，提供常用模型的高效实现", ["machine-learning"]],
    ["Chinese HTTP client", "httpc", "一个简单易用的 Go HTTP 客户端库", []],
    ["Chinese timetable app", "kcb", "课程表 App，支持导入教务系统", []],
    ["Russian HTTP client", "bystryi", "Быстрый асинхронный HTTP-клиент для Python", ["http-client"]],
    ["Russian task manager", "zadachi-cli", "Менеджер задач для командной строки", []],
    ["Japanese CLI tool", "hayai", "高速なコマンドラインツール。設定ファイル不要", ["cli"]],
    ["Japanese morphology library", "keitai", "日本語の形態素解析ライブラリ", []],
    ["Korean UI library", "ui-kit", "React 기반의 가벼운 UI 컴포넌트 라이브러리입니다", ["react"]],
    ["Korean tutorial tool", "tutomaker", "React 튜토리얼을 만드는 도구", []],
    ["Vietnamese library", "vnimg", "Thư viện xử lý ảnh cho Node.js", []],
    ["Vietnamese CLI", "vn-cli", "Công cụ dòng lệnh để quản lý dự án", []],
    ["Spanish framework", "marco", "Framework web minimalista para Node.js", ["framework"]],
    ["Spanish library", "fechas", "Una librería útil para fechas en JavaScript", []],
    ["Spanish course platform", "aula-libre", "Plataforma de cursos en línea de código abierto", []],
    ["Portuguese framework", "leve", "Biblioteca de componentes para Vue, leve e extensível", []],
    ["Portuguese CLI", "gerador", "Ferramenta de linha de comando para gerar projetos", []],
    ["Portuguese notes app", "notinhas", "Aplicativo de notas com sincronização", []],
  ])("%s: %s", (_label, name, description, topics) => {
    expect(verdict(name, description, topics)).toBe("keep");
  });
});

describe("education software described in other languages is kept", () => {
  it.each([
    ["a Chinese interview-practice mini program", "shuati-app", "面试刷题小程序"],
    ["a Chinese student management system", "xsgl", "基于 Spring Boot 的学生管理系统"],
    ["a Japanese language-learning app", "gogaku", "語学学習アプリ"],
    ["a Korean lecture platform server", "lms-server", "온라인 강의 플랫폼 서버"],
    ["a Russian exercise generator", "testgen", "Генератор тестов и упражнений для преподавателей"],
    ["a Russian currency converter", "valuta", "Конвертер курсов валют"],
    ["a Vietnamese quiz generator", "tracnghiem", "Trình tạo câu hỏi trắc nghiệm cho giáo viên"],
    ["a Spanish course-authoring platform", "cursos-app", "Plataforma para crear cursos interactivos"],
    ["a Spanish e-book reader", "libro-lector", "Lector de libros electrónicos para la terminal"],
    ["a Portuguese class scheduler", "aulas-app", "Sistema de gestão de aulas para escolas"],
  ])("%s: %s", (_label, name, description) => {
    expect(verdict(name, description)).toBe("keep");
  });
});
