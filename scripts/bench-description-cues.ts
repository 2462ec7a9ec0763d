/**
 * Times the non-project filter's language-bound readers: the description alone and the whole metadata
 * stage (name, description, topics, languages), in milliseconds per 1,000 repositories, split into
 * descriptions written in Chinese, Japanese or Korean (which go through the word segmenter) and the rest.
 * Not a test: it prints. Run with `npm run bench:cues`.
 *
 * It reads the descriptions of tests/fixtures/non-projects.json and non-projects-blind.json only, plus a
 * few descriptions in other languages written for this benchmark.
 */
import { readFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";
import { readDescriptionEvidence } from "@/server/filtering/read-description-evidence";
import { readMetadataEvidence } from "@/server/filtering/read-metadata-evidence";

const entrySchema = z.object({
  fullName: z.string(),
  description: z.string().nullable(),
  topics: z.array(z.string()),
});

function readEntries(file: string): Array<z.infer<typeof entrySchema>> {
  const raw: unknown = JSON.parse(readFileSync(path.resolve(import.meta.dirname, file), "utf8"));
  return z.array(entrySchema).parse(raw);
}

const written = [
  "Python 从入门到精通的学习笔记，包含大量练习题",
  "一个轻量级的 Go 语言 HTTP 客户端库",
  "基于 PyTorch 的深度学习框架，支持分布式训练",
  "Java 面试题整理与答案",
  "高速なコマンドラインツール",
  "初心者向けのRust入門チュートリアル",
  "React 기반 UI 컴포넌트 라이브러리",
  "알고리즘 공부 정리 및 문제 풀이",
  "Конспекты лекций по алгоритмам для начинающих",
  "Быстрый HTTP-клиент для Python",
  "Thư viện xử lý ảnh cho Node.js",
  "Khóa học lập trình Python cho người mới bắt đầu",
  "Curso de JavaScript desde cero con ejercicios",
  "Biblioteca de componentes para Vue",
];

const repos = [
  ...readEntries("../tests/fixtures/non-projects.json"),
  ...readEntries("../tests/fixtures/non-projects-blind.json"),
]
  .map((entry) => ({
    name: entry.fullName.split("/")[1] ?? entry.fullName,
    description: entry.description,
    topics: entry.topics,
  }))
  .concat(written.map((description, index) => ({ name: `written-${index}`, description, topics: [] })));

const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const groups = {
  all: repos,
  "Chinese, Japanese or Korean": repos.filter((repo) => cjk.test(repo.description ?? "")),
  other: repos.filter((repo) => !cjk.test(repo.description ?? "")),
};

function timePerThousand(run: () => void, count: number): number {
  for (let round = 0; round < 5; round++) run();
  const rounds = Math.max(5, Math.ceil(20_000 / count));
  const started = performance.now();
  for (let round = 0; round < rounds; round++) run();
  return ((performance.now() - started) / (rounds * count)) * 1000;
}

for (const [label, group] of Object.entries(groups)) {
  const description = timePerThousand(() => {
    for (const repo of group) readDescriptionEvidence(repo.description);
  }, group.length);
  const metadata = timePerThousand(() => {
    for (const repo of group) readMetadataEvidence(repo);
  }, group.length);
  console.log(
    `${label} (${group.length}): description ${description.toFixed(1)} ms, metadata stage ${metadata.toFixed(1)} ms per 1,000`,
  );
}
