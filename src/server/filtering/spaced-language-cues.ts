import type { Cue } from "@/server/filtering/cue-types";
import {
  accentedLatin,
  gatedByAnyOf,
  cyrillicScript,
  inScript,
  learning,
  linkList,
  software,
  words,
} from "@/server/filtering/language-cue-builders";

/** Description cues in Russian, Vietnamese and the Romance languages; see multilingual-cues.ts. */

// Russian: stems, with the endings spelled out where a bare stem would catch another word (курс/курсор);
// "курс валют" is an exchange rate.
export const russian: readonly Cue[] = inScript(cyrillicScript, [
  learning(2.5, "tutorial", words("учебник\\p{L}*|туториал\\p{L}*|самоучител\\p{L}*")),
  learning(
    2.5,
    "course",
    words("курс(?:ы|а|ов|ам|ами|ах|е|у|ом)?(?! валют)|методичк\\p{L}*|учебн\\p{L}* материал\\p{L}*"),
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
  // A hiring task, as "pruebas técnicas" are: "тестовое задание", "тестовые задания для кандидатов".
  learning(2, "interview", words("тестов\\p{L}* задани\\p{L}*")),
  learning(1.5, "interview", words("вопрос(?:ы|ов|ам|ами|ах)|интервью")),
  learning(
    2.5,
    "solutions",
    words("решени\\p{L}* (?:задач|задани)\\p{L}*|разбор\\p{L}* (?:задач|задани)\\p{L}*"),
  ),
  // The state exams (ЕГЭ, ОГЭ) and olympiads that school pupils prepare for.
  learning(2, "exercises", words("егэ|огэ|олимпиад\\p{L}*")),
  learning(2, "exercises", words("упражнени\\p{L}*|задачник\\p{L}*")),
  learning(1, "exercises", words("задач(?:и|а|ам|ами|ах)?|практик\\p{L}*")),
  learning(2.5, "book", words("книг\\p{L}*|книжк\\p{L}*")),
  learning(1.5, "course", words("материал(?:ы|ов|ами)|воркшоп\\p{L}*|мастер-класс\\p{L}*")),
  learning(1, "course", words("студент\\p{L}*|семестр\\p{L}*|университет\\p{L}*")),
  // A translation of a book or documentation; a translator ("переводчик") is a program.
  learning(2, "translation", words("перевод(?!чик)\\p{L}*")),
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
      "библиотек\\p{L}*|фреймворк\\p{L}*|утилит\\p{L}*|инструмент\\p{L}*|плагин\\p{L}*|клиент\\p{L}*|сервер\\p{L}*|расширени\\p{L}*|движ(?:ок|ка|ке|ком)|приложени\\p{L}*|парсер\\p{L}*|компилятор\\p{L}*|генератор\\p{L}*|менеджер\\p{L}*|редактор\\p{L}*|анализатор\\p{L}*|конвертер\\p{L}*|загрузчик\\p{L}*|эмулятор\\p{L}*|обёртк\\p{L}*|обертк\\p{L}*|бот(?:а|ы|ов)?",
    ),
  ),
  software(1.5, words("программ(?:а|ы|у)|сервис\\p{L}*|модул(?:ь|и|я)|пакет(?:а|ы)?")),
  learning(1.5, "guide", words("документаци\\p{L}*")),
]);

// Vietnamese: syllables are spaced, and most cue words are two of them; "học" alone is also part of
// "khoa học" (science) and "đại học" (university), so only its phrases count.
export const vietnamese: readonly Cue[] = inScript(accentedLatin, [
  learning(2.5, "course", words("khóa học|khoá học|bài giảng|giáo trình|đồ án môn học")),
  learning(2, "course", words("bài học|môn học|tự học|tài liệu học tập")),
  learning(1.5, "course", words("tài liệu|thực tập")),
  learning(1, "course", words("sinh viên|học kỳ|học kì|đại học")),
  learning(2, "tutorial", words("hướng dẫn")),
  learning(2.5, "tutorial", words("học lập trình")),
  learning(2, "notes", words("ghi chú|ghi chép|sổ tay")),
  learning(2.5, "interview", words("phỏng vấn")),
  learning(1.5, "interview", words("câu hỏi")),
  learning(2, "exercises", words("bài tập|luyện tập|đề thi|bài thực hành")),
  learning(2.5, "solutions", words("lời giải|giải bài tập")),
  learning(2, "book", `(?<!danh |chính )${words("sách")}`),
  // "Dự án dịch sách …", "nhóm dịch thuật": a translation project; "dịch vụ" is a service, "biên dịch" compiling.
  learning(
    2,
    "translation",
    words("bản dịch|được dịch|dịch sang tiếng việt|dịch sách|dịch thuật|(?:dự án|nhóm) dịch(?! vụ)"),
  ),
  learning(1.5, "book", words("chương(?! trình)")),
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
  // "Tổng hợp" (compiled) says how a collection was made, like "gathered": what it holds still heads it.
  linkList(1.5, words("tổng hợp"), "manner"),
  linkList(1.5, words("tài nguyên")),
  software(2.5, words("dòng lệnh|giao diện dòng lệnh")),
  software(
    2,
    words(
      "thư viện|công cụ|khung (?:làm việc|phát triển)|tiện ích(?: mở rộng)?|trình (?:duyệt|soạn thảo|quản lý|biên dịch|thông dịch|phân tích|tạo|cắm)",
    ),
  ),
  software(1.5, words("ứng dụng|phần mềm|máy chủ|máy khách")),
]);

// Spanish and Portuguese, with the French, German and Italian words the detector already read. "Libro"
// is a book, but "librería" a library in programmers' Spanish, and whole-word matching keeps them apart.
export const romance: readonly Cue[] = gatedByAnyOf([
  learning(
    2.5,
    "course",
    words("curso|cursos|cours|kurs|corso|apostilas?|temario|material(?:es)? de estudio"),
  ),
  learning(
    2,
    "course",
    words(
      "lecciones|li[cç][õo]es|aulas|le[cç]ons|lektionen|lezioni|asignaturas?|talleres|materiais|materiales|material did[áa]tico",
    ),
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
  // Who a class is for and when it runs, as "students" and "semester" are in English.
  learning(
    1,
    "course",
    words(
      "estudiantes?|estudantes?|alumnos?|alunos?|[ée]tudiants?|studenti|semestre|universidade|universidad|faculdade|facultad",
    ),
  ),
  learning(1.5, "guide", words("documentaci[óo]n|documenta[çc][ãa]o")),
  learning(2.5, "notes", words("apuntes|anota[cç][õo]es|resumos")),
  learning(1.5, "notes", words("notas|res[úu]menes")),
  learning(2.5, "interview", words("entrevistas?|preguntas de entrevista|perguntas de entrevista")),
  learning(1.5, "interview", words("preguntas|perguntas")),
  // A collection of implementations to study: "Algoritmos e Estruturas de Dados implementados em…".
  learning(
    2,
    "solutions",
    words("algoritmos (?:e|y) estrutura(?:s)? de dados|algoritmos y estructuras de datos"),
  ),
  // The take-home exercises of hiring: "pruebas técnicas", "testes técnicos", "desafios técnicos".
  learning(2, "interview", words("pruebas técnicas|testes técnicos|desaf[ií]os técnicos|retos técnicos")),
  learning(2, "exercises", words("ejercicios|exerc[íi]cios|exercices|übungen|esercizi|retos|desaf[íi]os")),
  learning(1.5, "exercises", words("pr[áa]cticas?|pr[áa]ticas?|practicar|praticar")),
  learning(2, "solutions", words("soluciones|solu[cç][õo]es|lösungen|resueltos|resolvidos")),
  learning(2.5, "book", words("libro|libros|livro|livros")),
  learning(
    2,
    "translation",
    words("traducci[óo]n|traducciones|traducido|traducida|tradução|traduções|traduzido|traduzida"),
  ),
  learning(1.5, "book", words("cap[íi]tulos?")),
  learning(
    2,
    "guide",
    words("gu[íi]as?|introducci[óo]n a|introdu[çc][ãa]o (?:a|à|ao)|buenas pr[áa]cticas|boas pr[áa]ticas"),
  ),
  learning(2.5, "cheatsheet", words("chuleta|hoja de referencia|folha de consulta")),
  learning(2, "roadmap", words("hoja de ruta|ruta de aprendizaje|roteiro de estudos?|trilha de estudos?")),
  learning(2, "examples", words("ejemplos|exemplos")),
  // "Lista de tareas" is a to-do list, usually an app.
  linkList(
    2,
    words(
      "lista de(?! (?:tareas|tarefas|compras|pendientes))|liste de|liste von|recursos|ressources|ressourcen|risorse",
    ),
  ),
  software(2.5, words("l[íi]nea de comandos?|linha de comandos?")),
  software(
    2,
    words(
      "biblioteca|biblioth[èe]que|bibliothek|librer[íi]a|herramienta|ferramenta|outil|werkzeug|aplicaci[óo]n|aplicativo|aplica[çc][ãa]o|servidor|serveur|cliente|complemento|extensi[óo]n|extens[ãa]o|paquete|pacote|utilidad|utilit[áa]rio|gestor|gerenciador|lector|leitor|reproductor|reprodutor|visor|generador|gerador|convertidor|conversor|analizador|analisador|administrador|planificador",
    ),
  ),
  software(1.5, words("plataforma|componentes|sistema|motor")),
]);
