/**
 * What sits at the top of a project in each language, for demo-catalog trees (write-top-level-tree.ts):
 * its manifest and build files, where its code and tests live. The conventions are the languages' own (a
 * Cargo.toml, a go.mod); no repository's listing is copied.
 *
 * A name may hold `{name}`, the repository's name made into a package name (`{Name}`: in PascalCase), for
 * the ecosystems whose manifest is named after the project (a .gemspec, a .cabal, a .csproj). A name
 * ending in "/" is a folder.
 */

export type LanguageLayout = {
  /** Alternative sets of manifest and build files at the top, by weight. */
  manifests: readonly (readonly [files: readonly string[], weight: number])[];
  /** Where the code lives; one is picked. */
  sourceFolders: readonly string[];
  /** Where the tests live; empty when they sit beside the code (Go) or inside the source folder (src/test). */
  testFolders: readonly string[];
  /** Top-level files and folders some projects in the language add. */
  extras: readonly string[];
};

export const languageLayouts: Readonly<Record<string, LanguageLayout>> = {
  Python: {
    manifests: [
      [["pyproject.toml"], 5],
      [["pyproject.toml", "uv.lock"], 2],
      [["setup.py", "setup.cfg"], 2],
      [["setup.py", "requirements.txt"], 2],
      [["pyproject.toml", "poetry.lock"], 1],
    ],
    sourceFolders: ["src", "{name}"],
    testFolders: ["tests", "test"],
    extras: ["tox.ini", "noxfile.py", ".pre-commit-config.yaml", "Makefile", "MANIFEST.in"],
  },
  TypeScript: {
    manifests: [
      [["package.json", "package-lock.json", "tsconfig.json"], 4],
      [["package.json", "pnpm-lock.yaml", "pnpm-workspace.yaml", "tsconfig.json"], 2],
      [["package.json", "yarn.lock", "tsconfig.json"], 2],
      [["package.json", "bun.lockb", "tsconfig.json"], 1],
    ],
    sourceFolders: ["src", "lib", "packages"],
    testFolders: ["test", "tests", "__tests__"],
    extras: ["eslint.config.js", ".prettierrc", "vitest.config.ts", "tsup.config.ts", ".nvmrc"],
  },
  JavaScript: {
    manifests: [
      [["package.json", "package-lock.json"], 4],
      [["package.json", "yarn.lock"], 2],
      [["package.json", "pnpm-lock.yaml"], 1],
      [["package.json"], 1],
    ],
    sourceFolders: ["src", "lib"],
    testFolders: ["test", "tests", "__tests__"],
    extras: [".eslintrc.json", ".prettierrc", "rollup.config.js", ".npmignore", ".nvmrc"],
  },
  Go: {
    manifests: [
      [["go.mod", "go.sum"], 5],
      [["go.mod"], 1],
    ],
    sourceFolders: ["cmd", "internal", "pkg"],
    testFolders: [],
    extras: ["Makefile", ".golangci.yml", ".goreleaser.yaml", "main.go", "doc.go"],
  },
  Rust: {
    manifests: [
      [["Cargo.toml", "Cargo.lock"], 3],
      [["Cargo.toml"], 1],
    ],
    sourceFolders: ["src", "crates"],
    testFolders: ["tests"],
    extras: ["rustfmt.toml", "clippy.toml", "deny.toml", "build.rs", "benches/"],
  },
  Java: {
    manifests: [
      [["pom.xml"], 3],
      [["build.gradle", "settings.gradle", "gradlew", "gradlew.bat", "gradle/"], 2],
      [["pom.xml", "mvnw", "mvnw.cmd", ".mvn/"], 1],
    ],
    sourceFolders: ["src"],
    testFolders: [],
    extras: ["checkstyle.xml", "lombok.config", "Makefile"],
  },
  Kotlin: {
    manifests: [
      [["build.gradle.kts", "settings.gradle.kts", "gradlew", "gradlew.bat", "gradle/"], 4],
      [["pom.xml"], 1],
    ],
    sourceFolders: ["src", "app", "library"],
    testFolders: [],
    extras: ["gradle.properties", "detekt.yml", ".editorconfig"],
  },
  C: {
    manifests: [
      [["Makefile"], 3],
      [["CMakeLists.txt"], 2],
      [["configure.ac", "Makefile.am", "autogen.sh"], 1],
      [["meson.build"], 1],
    ],
    sourceFolders: ["src", "lib"],
    testFolders: ["tests", "test"],
    extras: ["include/", ".clang-format", "config.h.in"],
  },
  "C++": {
    manifests: [
      [["CMakeLists.txt"], 4],
      [["CMakeLists.txt", "vcpkg.json"], 1],
      [["CMakeLists.txt", "conanfile.txt"], 1],
      [["meson.build"], 1],
      [["Makefile"], 1],
    ],
    sourceFolders: ["src", "lib"],
    testFolders: ["tests", "test"],
    extras: ["include/", ".clang-format", ".clang-tidy", "cmake/"],
  },
  "C#": {
    manifests: [
      [["{Name}.sln", "Directory.Build.props"], 3],
      [["{Name}.csproj"], 2],
      [["{Name}.sln", "global.json", "NuGet.config"], 1],
    ],
    sourceFolders: ["src"],
    testFolders: ["tests", "test"],
    extras: [".editorconfig", "Directory.Packages.props", "build.cake"],
  },
  Ruby: {
    manifests: [
      [["Gemfile", "Gemfile.lock", "{name}.gemspec", "Rakefile"], 4],
      [["Gemfile", "Rakefile"], 1],
    ],
    sourceFolders: ["lib"],
    testFolders: ["spec", "test"],
    extras: [".rubocop.yml", "bin/", ".rspec"],
  },
  PHP: {
    manifests: [
      [["composer.json", "composer.lock"], 3],
      [["composer.json"], 1],
    ],
    sourceFolders: ["src"],
    testFolders: ["tests"],
    extras: ["phpunit.xml.dist", "phpstan.neon", ".php-cs-fixer.dist.php"],
  },
  Swift: {
    manifests: [
      [["Package.swift"], 4],
      [["Package.swift", "Package.resolved"], 1],
      [["{Name}.xcodeproj/", "Podfile"], 1],
    ],
    sourceFolders: ["Sources"],
    testFolders: ["Tests"],
    extras: [".swiftlint.yml", ".swift-version"],
  },
  Scala: {
    manifests: [
      [["build.sbt", "project/"], 4],
      [["build.sc"], 1],
    ],
    sourceFolders: ["src", "modules"],
    testFolders: [],
    extras: [".scalafmt.conf", ".scalafix.conf"],
  },
  Elixir: {
    manifests: [[["mix.exs", "mix.lock"], 1]],
    sourceFolders: ["lib"],
    testFolders: ["test"],
    extras: ["config/", ".formatter.exs", ".credo.exs"],
  },
  Haskell: {
    manifests: [
      [["{name}.cabal", "stack.yaml"], 2],
      [["{name}.cabal", "cabal.project"], 1],
      [["package.yaml", "stack.yaml"], 1],
    ],
    sourceFolders: ["src", "app"],
    testFolders: ["test"],
    extras: ["Setup.hs", ".hlint.yaml", "fourmolu.yaml"],
  },
  Dart: {
    manifests: [[["pubspec.yaml", "pubspec.lock", "analysis_options.yaml"], 1]],
    sourceFolders: ["lib"],
    testFolders: ["test"],
    extras: ["example/", "bin/"],
  },
  Lua: {
    manifests: [
      [["{name}-scm-1.rockspec"], 2],
      [["Makefile"], 1],
    ],
    sourceFolders: ["src", "lua"],
    testFolders: ["spec", "test"],
    extras: [".luacheckrc", ".busted", "stylua.toml"],
  },
  Zig: {
    manifests: [
      [["build.zig", "build.zig.zon"], 3],
      [["build.zig"], 1],
    ],
    sourceFolders: ["src"],
    testFolders: [],
    extras: [".zigversion"],
  },
  Julia: {
    manifests: [
      [["Project.toml"], 3],
      [["Project.toml", "Manifest.toml"], 1],
    ],
    sourceFolders: ["src"],
    testFolders: ["test"],
    extras: ["docs/", ".JuliaFormatter.toml"],
  },
  Shell: {
    manifests: [
      [["Makefile"], 2],
      [["install.sh"], 2],
      [["Makefile", "install.sh"], 1],
    ],
    sourceFolders: ["bin", "lib", "src"],
    testFolders: ["test", "tests"],
    extras: [".shellcheckrc", "completions/"],
  },
  R: {
    manifests: [
      [["DESCRIPTION", "NAMESPACE"], 4],
      [["DESCRIPTION", "NAMESPACE", "{name}.Rproj"], 1],
    ],
    sourceFolders: ["R"],
    testFolders: ["tests"],
    extras: ["man/", "vignettes/", "_pkgdown.yml", ".Rbuildignore"],
  },
  Clojure: {
    manifests: [
      [["deps.edn", "build.clj"], 2],
      [["project.clj"], 2],
    ],
    sourceFolders: ["src"],
    testFolders: ["test"],
    extras: ["resources/", "dev/", ".clj-kondo/"],
  },
  OCaml: {
    manifests: [[["dune-project", "{name}.opam"], 1]],
    sourceFolders: ["lib", "src", "bin"],
    testFolders: ["test"],
    extras: [".ocamlformat", "Makefile"],
  },
  "Jupyter Notebook": {
    manifests: [
      [["requirements.txt"], 3],
      [["environment.yml"], 2],
      [["pyproject.toml"], 1],
    ],
    sourceFolders: ["notebooks", "src"],
    testFolders: ["tests"],
    extras: ["data/", "Makefile"],
  },
};
