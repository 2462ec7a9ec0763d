// @ts-check
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      ".next/",
      "src/generated/",
      "data/",
      "test-results/",
      "playwright-report/",
      // Scratch output (test timings, local experiments) that is never committed.
      ".tmp/",
      "next-env.d.ts",
    ],
  },
  js.configs.recommended,
  tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // Template literals with numbers read better than String(n) everywhere; objects and unknowns stay banned.
      "@typescript-eslint/restrict-template-expressions": ["error", { allowNumber: true }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // A newcomer changing one behaviour should read one short file; the cue and vocabulary lists are data.
    files: ["src/server/**/*.ts"],
    ignores: [
      "src/server/filtering/non-project-cues.ts",
      "src/server/sources/catalog/catalog-vocabulary.ts",
      "src/server/sources/catalog/catalog-landmarks.ts",
    ],
    rules: { "max-lines": ["error", { max: 300 }] },
  },
  {
    files: ["**/*.cjs"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
  },
  {
    files: ["**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
    // Plain .mjs files are Node scripts (postinstall, the CLI launcher): Node's globals are real there.
    languageOptions: { globals: globals.node },
  },
  {
    files: ["src/**/*.tsx", "src/components/**/*.ts", "src/trpc/**/*.ts*", "src/app/**/*.ts*"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
);
