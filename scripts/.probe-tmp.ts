import { readFileSync, readdirSync } from "node:fs";
import { readReadmeEvidence } from "@/server/filtering/read-readme-evidence";
const dir = "/tmp/readme-scratch/real";
for (const file of readdirSync(dir)) {
  const name = file.split("+")[1]?.replace(/\.md$/, "") ?? "";
  const t = performance.now();
  const evidence = readReadmeEvidence(readFileSync(`${dir}/${file}`, "utf8"), name);
  console.log(`${file} (${(performance.now() - t).toFixed(1)} ms)`);
  for (const e of evidence) console.log(`   ${e.kind} ${e.weight} ${e.text}`);
}
