#!/usr/bin/env node
// The `scout` command of package.json. The CLI is TypeScript run through tsx, like the project's scripts;
// the tsconfig is named explicitly so its `@/` paths resolve from any working directory.
import { fileURLToPath, URL } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../src/cli/main.ts");
