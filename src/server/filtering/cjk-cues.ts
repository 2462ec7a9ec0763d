import type { Cue, TopicCue } from "@/server/filtering/cue-types";
import {
  hangul,
  hangulScript,
  hanOrKana,
  inScript,
  learning,
  linkList,
  software,
} from "@/server/filtering/language-cue-builders";

/** Description cues in Chinese, Japanese and Korean; see multilingual-cues.ts for how each script is matched. */

// Chinese, simplified and traditional side by side.
export const chinese: readonly Cue[] = inScript(hanOrKana, [
  learning(2.5, "tutorial", "教程|教學|教学|手把手"),
  learning(
    2.5,
    "course",
    "课程(?!表)|課程(?!表)|公开课|公開課|网课|慕课|课件|課件|讲义|講義|课程作业|大作业|课后作业|家庭作业",
  ),
  learning(2.5, "notes", "笔记|筆記|学习记录|學習記錄"),
  learning(1.5, "notes", "知识点|知識點|总结|總結|知识体系|知識體系"),
  learning(
    2,
    "notes",
    "源码解析|源码分析|源码阅读|源码剖析|源碼解析|源碼分析|源碼閱讀|源碼剖析|注释版|註釋版",
  ),
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
  // A translation of a book or documentation; 翻译器 and 翻译工具 are programs.
  learning(
    2,
    "translation",
    "中文翻译|中文翻譯|中文版|中译本|中譯本|译本|譯本|翻译版|翻譯版|中文文档|中文文檔|文档翻译|文檔翻譯|翻[译譯][成为為]中文|正在翻[译譯]|翻[译譯]中(?!文)|翻译项目|翻譯計畫|翻译计划",
  ),
  learning(
    2,
    "examples",
    "示例(?:应用|應用|程序|項目|项目)?|範例|范例|样例|樣例|代码示例|代碼示例|例子|演示(?:项目|項目|程序)",
  ),
  // Algorithms implemented for study: "机器学习算法python实现", "数据结构与算法的Java实现".
  learning(
    2,
    "solutions",
    "(?:算法|演算法|数据结构|數據結構)(?:的)?\\s?(?:[\\p{Script=Latin}+#]+\\s?)?(?:实现|實現)",
  ),
  // Documentation, in the head-final order that makes "文档生成工具" a tool.
  learning(1.5, "guide", "文档|文檔|官方文档|官方文檔"),
  // A book by its title marks or its own words; 书 alone also ends 说明书 (manual) and starts 书签.
  learning(
    2,
    "book",
    "《[^》]{1,40}》|書籍|书籍|电子书|電子書|本书|本書|这本书|這本書|一本书|一本書|开源书|開源書|读书|讀書|第[一二三四五六七八九十\\d]+章",
  ),
  learning(2, "tutorial", "入门|入門|零基础|零基礎|从零|從零|一步一步|小白|新手|初学者|初學者", "manner"),
  learning(2, "course", "自学|自學|学习资料|學習資料|学习计划|學習計劃"),
  // Teaching people (培训), not training a model (训练).
  learning(2, "course", "培训|培訓|讲座|講座|教学材料|教學材料|工作坊"),
  // "学习" is what a learner does, and it also names a field ("机器学习"); the field is blanked first.
  learning(1.5, "general", "学习|學習", "verb"),
  learning(2.5, "challenge", "\\d+\\s*天|打卡"),
  // Who a class is for and when it runs, as "students" and "semester" are in English.
  learning(1, "course", "学生|學生|学期|學期"),
  linkList(1.5, "资源|資源|精选|精選|合集|汇总|彙總|周刊|週刊|导航|導航"),
  software(
    2,
    "框架|插件|外掛|客户端|客戶端|用户端|服务端|服務端|服务器|伺服器|命令行|命令列|类库|類庫|函数库|函式庫|组件库|元件庫|工具库|工具包|开发包|引擎|编辑器|編輯器|编译器|編譯器|解释器|解譯器|解析器|模拟器|模擬器|爬虫|爬蟲|驱动|驅動|中间件|中間件|脚手架|腳手架|管理器|生成器|下载器|下載器|播放器|阅读器|閱讀器|转换器|轉換器|浏览器扩展|瀏覽器擴充|小程序|管理系统|管理系統|机器人|機器人",
  ),
  // 工具 is a tool unless it is 工具书 (a reference book); 库 is a library after a name or 的, not in 知识库.
  software(
    2,
    "工具(?![书書])|(?<=[\\p{Script=Latin}\\d+#]\\s*|的|轻量级?|輕量級?|开源|開源|算法|实现|實現)库",
  ),
  // 操作系统 and 计算机系统 are more often the subject of course notes than what a repository is.
  software(
    1.5,
    "软件|軟體|软體|应用|應用|平台|(?<!操作|计算机|計算機)(?:系统|系統)|组件|元件|服务|服務|接口",
  ),
]);

export const japanese: readonly Cue[] = inScript(hanOrKana, [
  learning(2.5, "tutorial", "チュートリアル|ハンズオン"),
  learning(1.5, "guide", "ドキュメント"),
  learning(
    2.5,
    "course",
    "講座|講義|授業|教材|研修|カリキュラム|勉強会|トレーニングコース|学習コース|研修コース",
  ),
  // Materials handed out at a workshop or a talk: 関連資料, 発表資料, 講演資料.
  learning(2, "course", "ワークショップ|(?:関連|発表|講演|勉強会|研修|講義)資料"),
  // "リリースノート" (release notes) and "ノートブック" (a notebook) are no study notes; "メモリ" is memory.
  learning(2, "notes", "(?<!リリース)ノート(?!ブック|アプリ)|備忘録|学習記録|学習ログ|読書メモ"),
  learning(1.5, "notes", "メモ(?!リ|帳|アプリ)"),
  learning(2.5, "exercises", "問題集|練習問題|演習問題"),
  learning(2, "exercises", "演習|写経|過去問|競技プログラミング|競プロ"),
  learning(1.5, "course", "課題"),
  learning(2.5, "interview", "面接対策|面接"),
  learning(1.5, "interview", "質問集|想定質問"),
  learning(1.5, "solutions", "解答"),
  learning(1.5, "tutorial", "解説"),
  learning(2, "book", "書籍|技術書|入門書|教科書|の本(?![\\p{Script=Han}\\p{Script=Katakana}])"),
  learning(
    2,
    "translation",
    "日本語訳|日本語版|日本語翻訳|翻訳版|和訳|日本語[にへ]翻訳|翻訳中|翻訳作業|翻訳プロジェクト|翻訳リポジトリ",
  ),
  learning(2, "guide", "ガイド(?!ライン)|ベストプラクティス|ハンドブック|入門ガイド|まとめ記事"),
  learning(2.5, "cheatsheet", "チートシート|早見表"),
  learning(2, "roadmap", "ロードマップ"),
  // "サンプルアプリケーション" is a sample app, as "a sample app" is in English: an example, not a product.
  learning(
    2,
    "examples",
    "サンプルコード|サンプル集|コード例|実装例|サンプルアプリ(?:ケーション)?|デモアプリ(?:ケーション)?",
  ),
  learning(2, "tutorial", "初心者|初学者|ゼロから|はじめての|はじめて学ぶ", "manner"),
  learning(2, "general", "勉強", "verb"),
  // Materials for study, a lecture or a class: "勉強用資料", "講義資料".
  learning(2.5, "notes", "勉強用資料|勉強資料|学習資料|学習用資料|講義資料|授業資料|研修資料"),
  learning(1.5, "general", "学習|学ぶ|学べる", "verb"),
  linkList(1.5, "まとめ|リンク集"),
  software(
    2,
    "ライブラリ|フレームワーク|ツール|プラグイン|クライアント|サーバー?|コマンドライン|エディタ|拡張機能|エンジン|パーサ|ラッパー|ランタイム",
  ),
  software(1.5, "アプリ(?:ケーション)?|コンポーネント|ソフトウェア"),
  // What others start their own work from, as "template" and "boilerplate" are in English.
  software(2, "テンプレート|ボイラープレート|スターターキット"),
]);

export const korean: readonly Cue[] = inScript(hangulScript, [
  learning(2.5, "tutorial", hangul("튜토리얼")),
  learning(2.5, "course", hangul("강좌|강의|교재|커리큘럼|부트캠프")),
  learning(2, "course", hangul("스터디|수업|과제")),
  // A bootcamp's assignment is its "mission", kept in a "미션 저장소" that each student forks.
  learning(2, "exercises", hangul("미션 ?저장소|미션 ?진행|미션 ?요구 ?사항")),
  learning(1, "exercises", hangul("미션")),
  learning(2, "course", hangul("워크숍|워크샵|(?:학습|강의|발표|교육|스터디|세미나) ?자료")),
  learning(2, "notes", hangul("노트(?!북)|필기|학습 ?기록|공부 ?기록|요약 ?정리")),
  learning(1.5, "notes", hangul("정리")),
  learning(2.5, "interview", hangul("면접|코딩 ?테스트|코테")),
  learning(1.5, "interview", hangul("질문")),
  learning(2.5, "solutions", hangul("문제 ?풀이")),
  learning(2, "solutions", hangul("풀이|백준")),
  learning(2, "exercises", hangul("연습 ?문제|연습|알고리즘 ?문제")),
  learning(
    2,
    "book",
    `${hangul("책")}(?:을|은|이|의|에|으로|입니다)?(?!\\p{Script=Hangul})|${hangul("도서|서적")}`,
  ),
  learning(2, "guide", hangul("가이드(?!라인)|핸드북")),
  learning(2, "translation", hangul("번역(?!기)|한국어판|한글판")),
  learning(2.5, "cheatsheet", hangul("치트 ?시트")),
  learning(2, "roadmap", hangul("로드맵")),
  // A collection of examples, whose head "모음" alone would read as a list of links.
  learning(2.5, "examples", hangul("예제 ?(?:모음|코드)")),
  learning(2, "examples", hangul("예제")),
  learning(2, "tutorial", hangul("입문|초보자|초심자|처음 배우는|기초부터"), "manner"),
  learning(2, "general", hangul("공부|배우기|배우는"), "verb"),
  learning(1.5, "general", hangul("학습"), "verb"),
  learning(1, "course", hangul("학생|학기")),
  linkList(1.5, hangul("모음")),
  software(
    2,
    hangul(
      "라이브러리|프레임워크|도구|플러그인|클라이언트|서버|명령줄|커맨드 ?라인|에디터|엔진|확장 ?프로그램",
    ),
  ),
  software(1.5, hangul("툴|앱|애플리케이션|어플리케이션|컴포넌트|소프트웨어")),
  software(2, hangul("템플릿|보일러 ?플레이트|스타터 ?킷")),
]);

/**
 * Head nouns that end the opening phrase of a Chinese, Japanese or Korean description, where the head
 * comes last: "Go 语言学习笔记", "Rust 入門チュートリアル", "알고리즘 문제 풀이".
 */
export const cjkHeadNouns: ReadonlyArray<readonly [RegExp, TopicCue]> = [
  [/(?:教程|教學|チュートリアル|튜토리얼)$/u, { kind: "learning", weight: 1, flavour: "tutorial" }],
  [/(?:课程|課程|讲义|講義|講座|강좌|강의)$/u, { kind: "learning", weight: 1, flavour: "course" }],
  [/(?:笔记|筆記|ノート|노트|정리)$/u, { kind: "learning", weight: 1, flavour: "notes" }],
  [/(?:习题|習題|练习|練習|問題集|演習|연습)$/u, { kind: "learning", weight: 1, flavour: "exercises" }],
  [/(?:题解|題解|풀이)$/u, { kind: "learning", weight: 1, flavour: "solutions" }],
  [/(?:面试题|面試題|面经|面經)$/u, { kind: "learning", weight: 1, flavour: "interview" }],
  [/(?:指南|手册|手冊|攻略|ガイド|가이드)$/u, { kind: "learning", weight: 1, flavour: "guide" }],
  [/(?:书籍|書籍|技術書)$/u, { kind: "learning", weight: 1, flavour: "book" }],
  [/(?:速查表|チートシート)$/u, { kind: "learning", weight: 1, flavour: "cheatsheet" }],
  [/(?:合集|资源|資源|まとめ|リンク集|모음)$/u, { kind: "link-list", weight: 1 }],
];
