/**
 * The house rules for imports, checked by `npm run lint:deps` (part of `npm test`). Each rule names the
 * direction it protects, so a failing import says which layer it crossed.
 * @type {import("dependency-cruiser").IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle makes both modules load in an order nobody chose; break it with a port.",
      from: {},
      to: { circular: true },
    },
    {
      name: "shared-and-lib-stay-below-the-server",
      severity: "error",
      comment:
        "src/shared and src/lib are imported by the browser and the CLI: they cannot reach up into the server.",
      from: { path: "^src/(shared|lib)/" },
      to: { path: "^src/server/" },
    },
    {
      name: "browser-code-stays-out-of-the-server",
      severity: "error",
      comment:
        "Components, the browser client and the CLI talk to the server through tRPC and src/shared only.",
      // src/trpc/server.ts is the server-only caller that React Server Components prefetch through.
      from: { path: "^src/(components|trpc|cli)/", pathNot: "^src/trpc/server\\.ts$" },
      to: { path: "^src/server/", pathNot: "^src/server/api/root\\.ts$" },
    },
    {
      name: "one-folder-per-source",
      severity: "error",
      comment:
        "The live GitHub adapter and the offline catalog meet only at the port (sources/repository-source.ts).",
      from: { path: "^src/server/sources/(github|catalog)/" },
      to: { path: "^src/server/sources/(github|catalog)/", pathNot: "^src/server/sources/$1/" },
    },
    {
      name: "runs-and-marks-apart",
      severity: "error",
      comment:
        "Marks are joined where a result is served, so the run store and the mark store never import each other.",
      from: { path: "^src/server/(runs|marks)/" },
      to: { path: "^src/server/(runs|marks)/", pathNot: "^src/server/$1/" },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "src/generated"] },
    exclude: { path: ["^src/generated/", "^\\.next/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
