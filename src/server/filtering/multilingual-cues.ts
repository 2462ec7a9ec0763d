import type { Cue, EvidenceKind, LearningFlavour } from "@/server/filtering/non-project-cues";
import { WORD_END, WORD_START } from "@/server/filtering/tokenize-text";

/**
 * Description cues in Chinese (simplified and traditional), Japanese, Korean, Russian, Vietnamese,
 * Spanish and Portuguese (with the French, German and Italian words the detector already knew). Weights
 * follow the English counterparts but stop at 2.5, so that no single foreign word can reach the drop
 * threshold of 3 alone: it needs a second cue, a topic, the name or the languages.
 *
 * How each script is matched:
 * - Chinese and Japanese have no spaces. Cues of two or more characters match as substrings: the
 *   dictionary segmenter (Intl.Segmenter) splits "面試題" into 面 / 試題 and "客户端" into 客户 / 端, so
 *   whole-segment matching misses cues that a substring finds. Single characters (书, 本, 库) are too
 *   ambiguous as substrings (说明书, 日本, 知识库) and as segments ("一本书" is one segment), so they are
 *   matched only in an unambiguous context.
 * - Korean separates words by spaces but glues particles to them ("튜토리얼을", "라이브러리입니다"), so its
 *   cues need a word start and no word end.
 * - Russian inflects, so its cues are stems with explicit endings; Latin-script cues use Unicode word
 *   boundaries, which also see "ó", "ç" and Vietnamese tone marks as letters.
 */

const cue = (
  kind: EvidenceKind,
  weight: number,
  flavour: LearningFlavour | undefined,
  source: string,
  role?: "manner" | "verb",
): Cue => ({ kind, weight, flavour, pattern: new RegExp(source, "giu"), role });
const learning = (weight: number, flavour: LearningFlavour, source: string, role?: "manner" | "verb") =>
  cue("learning", weight, flavour, source, role);
const linkList = (weight: number, source: string) => cue("link-list", weight, undefined, source);
const software = (weight: number, source: string) => cue("software", weight, undefined, source);

/** Whole words in a spaced script: "curso" but not "cursor", "libro" but not "librería". */
const words = (alternatives: string) => `${WORD_START}(?:${alternatives})${WORD_END}`;
/** Korean: a word start, then anything (a particle or copula) may follow. */
const hangul = (alternatives: string) => `(?<!\\p{Script=Hangul})(?:${alternatives})`;

// Chinese, simplified and traditional side by side.
const chinese: Cue[] = [
  learning(2.5, "tutorial", "教程|教學|教学|手把手"),
  learning(
    2.5,
    "course",
    "课程|課程|公开课|公開課|网课|慕课|课件|課件|讲义|講義|课程作业|大作业|课后作业|家庭作业",
  ),
  learning(2.5, "notes", "笔记|筆記|学习记录|學習記錄"),
  learning(1.5, "notes", "知识点|知識點|总结|總結|知识体系|知識體系"),
  learning(2.5, "interview", "面试题|面試題|面试|面試|面经|面經|八股文|八股|求职|求職|校招|秋招|春招"),
  learning(2.5, "solutions", "题解|題解|习题解答|習題解答|课后答案|参考答案|參考答案"),
  learning(
    2,
    "exercises",
    "刷题|刷題|习题|習題|练习题|練習題|练习|練習|题库|題庫|例题|例題|真题|真題|编程题|算法题|剑指",
  ),
  learning(1.5, "solutions", "答案|解答|力扣"),
  learning(
    2,
    "guide",
    "指南|手册|手冊|攻略|最佳实践|最佳實踐|编码规范|編碼規範|详解|詳解|图解|圖解|原理剖析|深入理解|深入浅出|深入淺出",
  ),
  learning(2.5, "cheatsheet", "速查表|速查手册|速查|备忘单|備忘單|小抄"),
  learning(2, "roadmap", "路线图|路線圖|学习路线|學習路線|学习路径|學習路徑|技能树|技能樹"),
  learning(2, "examples", "示例|範例|范例|样例|樣例|代码示例|代碼示例|例子"),
  // A book by its title marks or its own words; 书 alone also ends 说明书 (manual) and starts 书签.
  learning(
    2,
    "book",
    "《[^》]{1,40}》|書籍|书籍|电子书|電子書|本书|本書|这本书|這本書|一本书|一本書|开源书|開源書|读书|讀書|第[一二三四五六七八九十\\d]+章",
  ),
  learning(2, "tutorial", "入门|入門|零基础|零基礎|从零|從零|一步一步|小白|新手|初学者|初學者", "manner"),
  learning(2, "course", "自学|自學|学习资料|學習資料|学习计划|學習計劃"),
  // "学习" is what a learner does, and it also names a field ("机器学习"); the field is blanked first.
  learning(1.5, "general", "学习|學習", "verb"),
  learning(2.5, "challenge", "\\d+\\s*天|打卡"),
  linkList(1.5, "资源|資源|精选|精選|合集|汇总|彙總|周刊|週刊|导航|導航"),
  software(
    2,
    "框架|插件|外掛|客户端|客戶端|用户端|服务端|服務端|服务器|伺服器|命令行|命令列|类库|類庫|函数库|函式庫|组件库|元件庫|工具库|工具包|开发包|引擎|编辑器|編輯器|编译器|編譯器|解释器|解譯器|解析器|模拟器|模擬器|爬虫|爬蟲|驱动|驅動|中间件|中間件|脚手架|腳手架|管理器|生成器|下载器|下載器|播放器|阅读器|閱讀器|转换器|轉換器|浏览器扩展|瀏覽器擴充",
  ),
  // 工具 is a tool unless it is 工具书 (a reference book); 库 is a library after a name or 的, not in 知识库.
  software(2, "工具(?![书書])|(?:[\\p{Script=Latin}\\d+#]\\s*|的|轻量级?|輕量級?|开源|開源|算法)库"),
  software(1.5, "软件|軟體|软體|应用|應用|平台|系统|系統|组件|元件|服务|服務|接口"),
];

const japanese: Cue[] = [
  learning(2.5, "tutorial", "チュートリアル|ハンズオン"),
  learning(2.5, "course", "講座|講義|授業|教材|研修|カリキュラム|勉強会"),
  learning(2, "notes", "ノート(?!ブック|アプリ)|備忘録|学習記録|学習ログ|読書メモ"),
  learning(1.5, "notes", "メモ(?!帳|アプリ)"),
  learning(2.5, "exercises", "問題集|練習問題|演習問題"),
  learning(2, "exercises", "演習|写経|過去問|競技プログラミング|競プロ"),
  learning(1.5, "course", "課題"),
  learning(2.5, "interview", "面接対策|面接"),
  learning(1.5, "solutions", "解答|解説"),
  learning(2, "book", "書籍|技術書|入門書|教科書|の本(?![\\p{Script=Han}\\p{Script=Katakana}])"),
  learning(2, "guide", "ガイド(?!ライン)|ベストプラクティス|ハンドブック|入門ガイド|まとめ記事"),
  learning(2.5, "cheatsheet", "チートシート|早見表"),
  learning(2, "roadmap", "ロードマップ"),
  learning(2, "examples", "サンプルコード|サンプル集|コード例|実装例"),
  learning(2, "tutorial", "初心者|初学者|ゼロから|はじめての|はじめて学ぶ", "manner"),
  learning(2, "general", "勉強", "verb"),
  learning(1.5, "general", "学習|学ぶ|学べる", "verb"),
  linkList(1.5, "まとめ|リンク集"),
  software(
    2,
    "ライブラリ|フレームワーク|ツール|プラグイン|クライアント|サーバー?|コマンドライン|エディタ|拡張機能|エンジン|パーサ|ラッパー|ランタイム",
  ),
  software(1.5, "アプリ(?:ケーション)?|コンポーネント|ソフトウェア"),
];

const korean: Cue[] = [
  learning(2.5, "tutorial", hangul("튜토리얼")),
  learning(2.5, "course", hangul("강좌|강의|교재|커리큘럼|부트캠프")),
  learning(2, "course", hangul("스터디|수업|과제")),
  learning(2, "notes", hangul("노트(?!북)|필기|학습 ?기록|공부 ?기록|요약 ?정리")),
  learning(1.5, "notes", hangul("정리")),
  learning(2.5, "interview", hangul("면접|코딩 ?테스트|코테")),
  learning(2.5, "solutions", hangul("문제 ?풀이")),
  learning(2, "solutions", hangul("풀이|백준")),
  learning(2, "exercises", hangul("연습 ?문제|연습|알고리즘 ?문제")),
  learning(
    2,
    "book",
    `${hangul("책")}(?:을|은|이|의|에|으로|입니다)?(?!\\p{Script=Hangul})|${hangul("도서|서적")}`,
  ),
  learning(2, "guide", hangul("가이드(?!라인)|핸드북")),
  learning(2.5, "cheatsheet", hangul("치트 ?시트")),
  learning(2, "roadmap", hangul("로드맵")),
  learning(2, "examples", hangul("예제")),
  learning(2, "tutorial", hangul("입문|초보자|초심자|처음 배우는|기초부터"), "manner"),
  learning(2, "general", hangul("공부|배우기|배우는"), "verb"),
  learning(1.5, "general", hangul("학습"), "verb"),
  linkList(1.5, hangul("모음")),
  software(
    2,
    hangul(
      "라이브러리|프레임워크|도구|플러그인|클라이언트|서버|명령줄|커맨드 ?라인|에디터|엔진|확장 ?프로그램",
    ),
  ),
  software(1.5, hangul("툴|앱|애플리케이션|어플리케이션|컴포넌트|소프트웨어")),
];

// Russian: stems, with the endings spelled out where a bare stem would catch another word (курс/курсор).
const russian: Cue[] = [
  learning(2.5, "tutorial", words("учебник\\p{L}*|туториал\\p{L}*|самоучител\\p{L}*")),
  learning(
    2.5,
    "course",
    words("курс(?:ы|а|ов|ам|ами|ах|е|у|ом)?|методичк\\p{L}*|учебн\\p{L}* материал\\p{L}*"),
  ),
  learning(
    2,
    "course",
    words(
      "лекци\\p{L}*|урок\\p{L}*|семинар\\p{L}*|практикум\\p{L}*|домашн\\p{L}* задани\\p{L}*|лабораторн\\p{L}* работ\\p{L}*",
    ),
  ),
  learning(2.5, "notes", words("конспект\\p{L}*|заметк\\p{L}*|заметок")),
  learning(2.5, "interview", words("собеседовани\\p{L}*")),
  learning(1.5, "interview", words("вопрос(?:ы|ов|ам|ами|ах)|интервью")),
  learning(2.5, "solutions", words("решени\\p{L}* задач\\p{L}*|разбор\\p{L}* задач\\p{L}*")),
  learning(2, "exercises", words("упражнени\\p{L}*|задачник\\p{L}*")),
  learning(1, "exercises", words("задач(?:и|а|ам|ами|ах)?|практик\\p{L}*")),
  learning(2.5, "book", words("книг\\p{L}*|книжк\\p{L}*")),
  learning(1.5, "book", words("глав(?:а|ы|ам|ах)")),
  learning(
    2,
    "guide",
    words("руководств\\p{L}*|гайд\\p{L}*|справочник\\p{L}*|лучши\\p{L}* практик\\p{L}*|введение в"),
  ),
  learning(2.5, "cheatsheet", words("шпаргалк\\p{L}*")),
  learning(2, "roadmap", words("дорожн\\p{L}* карт\\p{L}*|роадмап\\p{L}*")),
  learning(2, "examples", words("пример(?:ы|ов|ам|ами|ах)")),
  learning(2, "tutorial", words("для начинающих|для новичков|с нуля|с самого начала|шаг за шагом"), "manner"),
  learning(2, "general", words("изучени\\p{L}*|изуча\\p{L}*|изучить|выучить|научиться"), "verb"),
  // "Обучение" is teaching and also training ("обучение моделей"); the fields are blanked first.
  learning(1, "general", words("обучени\\p{L}*")),
  linkList(1.5, words("подборк\\p{L}*|ресурс(?:ы|ов)|ссылк(?:и|ам)|ссылок|стать(?:и|ей)")),
  software(2.5, words("командн\\p{L}* строк\\p{L}*")),
  software(
    2,
    words(
      "библиотек\\p{L}*|фреймворк\\p{L}*|утилит\\p{L}*|инструмент\\p{L}*|плагин\\p{L}*|клиент\\p{L}*|сервер\\p{L}*|расширени\\p{L}*|движ(?:ок|ка|ке|ком)|приложени\\p{L}*|парсер\\p{L}*|компилятор\\p{L}*|обёртк\\p{L}*|обертк\\p{L}*|бот(?:а|ы|ов)?",
    ),
  ),
  software(1.5, words("программ(?:а|ы|у)|сервис\\p{L}*|модул(?:ь|и|я)|пакет(?:а|ы)?")),
];

// Vietnamese: syllables are spaced, and most cue words are two of them; "học" alone is also part of
// "khoa học" (science) and "đại học" (university), so only its phrases count.
const vietnamese: Cue[] = [
  learning(2.5, "course", words("khóa học|khoá học|bài giảng|giáo trình|đồ án môn học")),
  learning(2, "course", words("bài học|môn học|tự học|tài liệu học tập")),
  learning(1.5, "course", words("tài liệu")),
  learning(2, "tutorial", words("hướng dẫn")),
  learning(2.5, "tutorial", words("học lập trình")),
  learning(2, "notes", words("ghi chú|ghi chép|sổ tay")),
  learning(2.5, "interview", words("phỏng vấn")),
  learning(1.5, "interview", words("câu hỏi")),
  learning(2, "exercises", words("bài tập|luyện tập|đề thi|bài thực hành")),
  learning(2.5, "solutions", words("lời giải|giải bài tập")),
  learning(2, "book", `(?<!danh )${words("sách")}`),
  learning(1.5, "book", words("chương")),
  learning(2, "roadmap", words("lộ trình")),
  learning(2, "examples", words("ví dụ")),
  learning(1, "notes", words("kiến thức")),
  learning(
    2,
    "tutorial",
    words("người mới bắt đầu|người mới|từ cơ bản đến nâng cao|từ con số 0|từ con số không|từ đầu"),
    "manner",
  ),
  learning(2, "general", words("học tập|để học|học về|học cách"), "verb"),
  // "Danh sách" is any list, a to-do list too; only what it holds would tell, so it is left out.
  linkList(1.5, words("tổng hợp|tài nguyên")),
  software(2.5, words("dòng lệnh|giao diện dòng lệnh")),
  software(
    2,
    words(
      "thư viện|công cụ|khung (?:làm việc|phát triển)|tiện ích(?: mở rộng)?|trình (?:duyệt|soạn thảo|quản lý|biên dịch|thông dịch|phân tích)",
    ),
  ),
  software(1.5, words("ứng dụng|phần mềm|máy chủ|máy khách")),
];

// Spanish and Portuguese, with the French, German and Italian words the detector already read. "Libro"
// is a book, but "librería" a library in programmers' Spanish, and whole-word matching keeps them apart.
const romance: Cue[] = [
  learning(
    2.5,
    "course",
    words("curso|cursos|cours|kurs|corso|apostilas?|temario|material(?:es)? de estudio"),
  ),
  learning(
    2,
    "course",
    words("lecciones|li[cç][õo]es|aulas|le[cç]ons|lektionen|lezioni|asignaturas?|talleres|taller"),
  ),
  learning(2.5, "tutorial", words("tutoriales|tutoriels|tutoriais")),
  learning(
    2,
    "tutorial",
    words(
      "desde cero|do zero|de z[ée]ro|para principiantes|para iniciantes|para novatos|para leigos|paso a paso|passo a passo|pour d[ée]butants|f[üu]r anf[äa]nger|per principianti|do b[áa]sico ao avan[çc]ado|desde lo b[áa]sico",
    ),
    "manner",
  ),
  learning(
    2.5,
    "tutorial",
    words("aprende|aprender|aprenda|aprendiendo|aprendendo|apprendre|lernen|imparare"),
    "verb",
  ),
  learning(1.5, "course", words("estudiar|estudar|estudos|estudios")),
  learning(2.5, "notes", words("apuntes|anota[cç][õo]es|resumos")),
  learning(1.5, "notes", words("notas|res[úu]menes")),
  learning(2.5, "interview", words("entrevistas?|preguntas de entrevista|perguntas de entrevista")),
  learning(1.5, "interview", words("preguntas|perguntas")),
  learning(2, "exercises", words("ejercicios|exerc[íi]cios|exercices|übungen|esercizi|retos|desaf[íi]os")),
  learning(1.5, "exercises", words("pr[áa]cticas?|pr[áa]ticas?|practicar|praticar")),
  learning(2, "solutions", words("soluciones|solu[cç][õo]es|lösungen|resueltos|resolvidos")),
  learning(2.5, "book", words("libro|libros|livro|livros")),
  learning(1.5, "book", words("cap[íi]tulos?")),
  learning(
    2,
    "guide",
    words("gu[íi]as?|introducci[óo]n a|introdu[çc][ãa]o (?:a|à|ao)|buenas pr[áa]cticas|boas pr[áa]ticas"),
  ),
  learning(2.5, "cheatsheet", words("chuleta|hoja de referencia|folha de consulta")),
  learning(2, "roadmap", words("hoja de ruta|ruta de aprendizaje|roteiro de estudos?|trilha de estudos?")),
  learning(2, "examples", words("ejemplos|exemplos")),
  linkList(2, words("lista de|liste de|liste von|recursos|ressources|ressourcen|risorse")),
  software(2.5, words("l[íi]nea de comandos?|linha de comandos?")),
  software(
    2,
    words(
      "biblioteca|biblioth[èe]que|bibliothek|librer[íi]a|herramienta|ferramenta|outil|werkzeug|aplicaci[óo]n|aplicativo|aplica[çc][ãa]o|servidor|serveur|cliente|complemento|extensi[óo]n|extens[ãa]o|paquete|pacote|utilidad|utilit[áa]rio|gestor|gerenciador",
    ),
  ),
  software(1.5, words("plataforma|componentes|sistema|motor")),
];

export const multilingualDescriptionCues: readonly Cue[] = [
  ...chinese,
  ...japanese,
  ...korean,
  ...russian,
  ...vietnamese,
  ...romance,
];

/**
 * Field names that contain a learning word in other languages, "机器学习" (machine learning), "深層学習",
 * "딥 러닝", "машинное обучение", "học máy", blanked before the cues read the text. "学习" before a
 * software noun ("学习平台", a learning platform) is blanked alone so that the noun still counts.
 */
export const multilingualLearningFields = [
  "(?:机器|機器|深度|强化|強化|联邦|聯邦|迁移|遷移|元|对比|對比|自监督|半监督|无监督|监督|表示|集成|持续|增量|在线|主动|度量|多任务|小样本|零样本|图)学习|(?:機器|深度|強化|聯邦|遷移|監督)學習|学习率|(?:学习|學習)(?=平台|管理系统|系统|系統|软件|軟體|工具|应用|應用|网站|網站)",
  "(?:機械|深層|強化|転移|連合|メタ|教師あり|教師なし|自己教師あり)学習|学習率|学習済み",
  "(?:머신|딥) ?러닝|(?:기계|심층|강화|지도|비지도|전이|연합) ?학습",
  "машинн\\p{L}* обучени\\p{L}*|глубок\\p{L}* обучени\\p{L}*|обучени\\p{L}* с подкреплением|обучени\\p{L}* (?:моделей|модели|нейросет\\p{L}*|нейронн\\p{L}* сет\\p{L}*)",
  `${WORD_START}(?:học máy|học sâu|học tăng cường)${WORD_END}`,
  `${WORD_START}(?:aprendizaje (?:autom[áa]tico|profundo|por refuerzo)|aprendizado (?:de m[áa]quina|profundo|por refor[çc]o)|aprendizagem (?:de m[áa]quina|profunda|autom[áa]tica))${WORD_END}`,
].join("|");
