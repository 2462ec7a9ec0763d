import { readFileSync } from "node:fs";
import { labelledSetSchema, toDetectorInput } from "@/server/filtering/measure-non-project-filter";
import { assessReadme } from "@/server/filtering/assess-non-project";
const names = readFileSync("/tmp/one.txt", "utf8").split("\n").filter(Boolean);
for (const f of readFileSync("/tmp/files.txt", "utf8").split("\n").filter(Boolean)) {
  for (const e of labelledSetSchema.parse(JSON.parse(readFileSync(f, "utf8")))) {
    if (!names.includes(e.fullName)) continue;
    const a = assessReadme(toDetectorInput(e), e.readme ?? null);
    console.log(e.fullName, a.verdict, a.score, a.reason);
    for (const ev of a.evidence) console.log("  ", ev.kind, ev.source, ev.weight.toFixed(2), ev.text);
  }
}
