#!/usr/bin/env node
// The `scout-worker` command of package.json: a worker of the hosted mode (scripts/worker.ts), run through tsx
// like the project's other scripts; the tsconfig is named so its `@/` paths resolve from any directory.
import { fileURLToPath, URL } from "node:url";
import { register } from "tsx/esm/api";

register({ tsconfig: fileURLToPath(new URL("../tsconfig.json", import.meta.url)) });
await import("../scripts/worker.ts");
