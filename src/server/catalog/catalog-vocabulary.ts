/**
 * The words the demo catalog is built from. All of it is written for this project: no text is taken
 * from real repositories, so the catalog is safe to ship and stable across releases.
 */

export type LanguageProfile = {
  /** GitHub's linguist name, as `primaryLanguage.name` reports it. */
  name: string;
  /** The topic repositories in this language usually carry. */
  topic: string;
  /** Relative share of the catalog, roughly following GitHub's own mix. */
  weight: number;
  /** Short tag used in repository names ("py-router", "router-rs"). */
  nameTags: readonly string[];
  /** Other languages that commonly sit next to this one in a repository. */
  companions: readonly string[];
  /** Domains this language is most often used for; empty means any. */
  favouredDomains: readonly string[];
  install: (packageName: string) => { fence: string; code: string };
  /** How contributors run the tests. */
  testCommand: string;
  usage: (packageName: string, identifier: string) => { fence: string; code: string };
};

const shell = (code: string) => ({ fence: "bash", code });

export const languageProfiles: readonly LanguageProfile[] = [
  {
    name: "Python",
    testCommand: "python -m pytest",
    topic: "python",
    weight: 16,
    nameTags: ["py", "python"],
    companions: ["Shell", "Cython", "Dockerfile", "Makefile"],
    favouredDomains: [],
    install: (pkg) => shell(`pip install ${pkg}`),
    usage: (pkg) => ({
      fence: "python",
      code: `from ${pkg.replace(/[-.]/g, "_").toLowerCase()} import Client\n\nclient = Client(timeout=10)\nresult = client.run("example")\nprint(result.summary())`,
    }),
  },
  {
    name: "TypeScript",
    testCommand: "npm ci && npm test",
    topic: "typescript",
    weight: 14,
    nameTags: ["ts", "typed"],
    companions: ["JavaScript", "CSS", "HTML", "Shell"],
    favouredDomains: [],
    install: (pkg) => shell(`npm install ${pkg}`),
    usage: (pkg, id) => ({
      fence: "ts",
      code: `import { create${id} } from "${pkg}";\n\nconst instance = create${id}({ retries: 3 });\nconst output = await instance.run("example");\nconsole.log(output);`,
    }),
  },
  {
    name: "JavaScript",
    testCommand: "npm ci && npm test",
    topic: "javascript",
    weight: 12,
    nameTags: ["js", "node"],
    companions: ["HTML", "CSS", "TypeScript", "Shell"],
    favouredDomains: [],
    install: (pkg) => shell(`npm install ${pkg}`),
    usage: (pkg, id) => ({
      fence: "js",
      code: `const { ${id} } = require("${pkg}");\n\nconst instance = new ${id}({ verbose: true });\ninstance.start().then(() => console.log("ready"));`,
    }),
  },
  {
    name: "Go",
    testCommand: "go test ./...",
    topic: "golang",
    weight: 9,
    nameTags: ["go"],
    companions: ["Makefile", "Shell", "Dockerfile"],
    favouredDomains: ["cli", "networking", "devops", "database", "observability", "web"],
    install: (pkg) => shell(`go get github.com/example/${pkg}`),
    usage: (pkg, id) => ({
      fence: "go",
      code: `package main\n\nimport "github.com/example/${pkg}"\n\nfunc main() {\n\tc := ${id.toLowerCase()}.New(${id.toLowerCase()}.WithTimeout(10))\n\tif err := c.Run(); err != nil {\n\t\tpanic(err)\n\t}\n}`,
    }),
  },
  {
    name: "Rust",
    testCommand: "cargo test --all-features",
    topic: "rust",
    weight: 8,
    nameTags: ["rs", "rust"],
    companions: ["Shell", "Python", "C"],
    favouredDomains: ["cli", "parsing", "networking", "compilers", "games", "concurrency", "security"],
    install: (pkg) => shell(`cargo add ${pkg}`),
    usage: (pkg, id) => ({
      fence: "rust",
      code: `use ${pkg.replace(/-/g, "_")}::${id};\n\nfn main() -> Result<(), Box<dyn std::error::Error>> {\n    let engine = ${id}::builder().threads(4).build()?;\n    engine.run()?;\n    Ok(())\n}`,
    }),
  },
  {
    name: "Java",
    testCommand: "./mvnw verify",
    topic: "java",
    weight: 7,
    nameTags: ["java", "j"],
    companions: ["Kotlin", "Shell", "HTML"],
    favouredDomains: ["web", "database", "testing", "concurrency", "observability"],
    install: (pkg) => ({
      fence: "xml",
      code: `<dependency>\n  <groupId>dev.example</groupId>\n  <artifactId>${pkg}</artifactId>\n  <version>1.4.0</version>\n</dependency>`,
    }),
    usage: (_pkg, id) => ({
      fence: "java",
      code: `var engine = ${id}.builder()\n    .retries(3)\n    .build();\nengine.run("example");`,
    }),
  },
  {
    name: "Kotlin",
    testCommand: "./gradlew check",
    topic: "kotlin",
    weight: 3,
    nameTags: ["kt", "kotlin"],
    companions: ["Java", "Shell"],
    favouredDomains: ["ui", "web", "concurrency", "testing"],
    install: (pkg) => ({ fence: "kotlin", code: `implementation("dev.example:${pkg}:0.9.2")` }),
    usage: (_pkg, id) => ({
      fence: "kotlin",
      code: `val engine = ${id} {\n    retries = 3\n}\nengine.run("example")`,
    }),
  },
  {
    name: "C",
    testCommand: "make check",
    topic: "c",
    weight: 4,
    nameTags: ["c", "lib"],
    companions: ["Makefile", "CMake", "Shell", "Assembly"],
    favouredDomains: ["embedded", "compilers", "networking", "media", "security"],
    install: () => shell("git clone --depth 1 <repository-url>\ncd <repository>\nmake && sudo make install"),
    usage: (pkg, id) => ({
      fence: "c",
      code: `#include <${pkg}.h>\n\nint main(void) {\n    ${id.toLowerCase()}_ctx *ctx = ${id.toLowerCase()}_new();\n    ${id.toLowerCase()}_run(ctx);\n    ${id.toLowerCase()}_free(ctx);\n    return 0;\n}`,
    }),
  },
  {
    name: "C++",
    testCommand: "ctest --test-dir build",
    topic: "cpp",
    weight: 5,
    nameTags: ["cpp", "cxx"],
    companions: ["C", "CMake", "Python"],
    favouredDomains: ["games", "media", "compilers", "science", "embedded", "ml"],
    install: () => shell("cmake -S . -B build -DCMAKE_BUILD_TYPE=Release\ncmake --build build --parallel\ncmake --install build"),
    usage: (pkg, id) => ({
      fence: "cpp",
      code: `#include <${pkg}/${pkg}.hpp>\n\nint main() {\n    auto engine = ${id.toLowerCase()}::Engine{};\n    engine.run();\n}`,
    }),
  },
  {
    name: "C#",
    testCommand: "dotnet test",
    topic: "csharp",
    weight: 4,
    nameTags: ["net", "sharp"],
    companions: ["PowerShell", "HTML", "CSS"],
    favouredDomains: ["games", "web", "ui", "testing", "database"],
    install: (pkg) => shell(`dotnet add package ${pkg}`),
    usage: (_pkg, id) => ({
      fence: "csharp",
      code: `var engine = new ${id}Engine(new ${id}Options { Retries = 3 });\nawait engine.RunAsync("example");`,
    }),
  },
  {
    name: "Ruby",
    testCommand: "bundle exec rake",
    topic: "ruby",
    weight: 3,
    nameTags: ["rb", "ruby"],
    companions: ["HTML", "JavaScript", "Shell"],
    favouredDomains: ["web", "testing", "cli", "docs"],
    install: (pkg) => shell(`gem install ${pkg}`),
    usage: (pkg, id) => ({
      fence: "ruby",
      code: `require "${pkg}"\n\nengine = ${id}::Engine.new(retries: 3)\nengine.run("example")`,
    }),
  },
  {
    name: "PHP",
    testCommand: "composer test",
    topic: "php",
    weight: 3,
    nameTags: ["php"],
    companions: ["JavaScript", "HTML", "Blade"],
    favouredDomains: ["web", "database", "testing", "security"],
    install: (pkg) => shell(`composer require example/${pkg}`),
    usage: (_pkg, id) => ({
      fence: "php",
      code: `<?php\n\nuse Example\\${id}\\Engine;\n\n$engine = new Engine(['retries' => 3]);\n$engine->run('example');`,
    }),
  },
  {
    name: "Swift",
    testCommand: "swift test",
    topic: "swift",
    weight: 2,
    nameTags: ["swift", "sw"],
    companions: ["Objective-C", "Ruby", "Shell"],
    favouredDomains: ["ui", "networking", "media", "testing"],
    install: (pkg) => ({
      fence: "swift",
      code: `.package(url: "https://example.invalid/${pkg}.git", from: "2.1.0")`,
    }),
    usage: (_pkg, id) => ({
      fence: "swift",
      code: `let engine = ${id}(configuration: .default)\ntry await engine.run("example")`,
    }),
  },
  {
    name: "Scala",
    testCommand: "sbt test",
    topic: "scala",
    weight: 1.2,
    nameTags: ["scala", "s"],
    companions: ["Java", "Shell"],
    favouredDomains: ["concurrency", "science", "database", "web"],
    install: (pkg) => ({ fence: "scala", code: `libraryDependencies += "dev.example" %% "${pkg}" % "0.7.1"` }),
    usage: (_pkg, id) => ({
      fence: "scala",
      code: `val engine = ${id}.make(retries = 3)\nengine.run("example").unsafeRunSync()`,
    }),
  },
  {
    name: "Elixir",
    testCommand: "mix test",
    topic: "elixir",
    weight: 1.2,
    nameTags: ["ex", "elixir"],
    companions: ["Erlang", "JavaScript", "HTML"],
    favouredDomains: ["web", "concurrency", "networking", "observability"],
    install: (pkg) => ({ fence: "elixir", code: `{:${pkg.replace(/-/g, "_")}, "~> 0.6"}` }),
    usage: (_pkg, id) => ({
      fence: "elixir",
      code: `{:ok, pid} = ${id}.start_link(retries: 3)\n${id}.run(pid, "example")`,
    }),
  },
  {
    name: "Haskell",
    testCommand: "cabal test",
    topic: "haskell",
    weight: 0.8,
    nameTags: ["hs", "haskell"],
    companions: ["Nix", "Shell"],
    favouredDomains: ["compilers", "parsing", "concurrency"],
    install: (pkg) => shell(`cabal install ${pkg}`),
    usage: (_pkg, id) => ({
      fence: "haskell",
      code: `import qualified ${id} as E\n\nmain :: IO ()\nmain = E.run E.defaultConfig "example"`,
    }),
  },
  {
    name: "Dart",
    testCommand: "dart test",
    topic: "dart",
    weight: 1.5,
    nameTags: ["dart", "flutter"],
    companions: ["Swift", "Kotlin", "C++"],
    favouredDomains: ["ui", "networking", "media"],
    install: (pkg) => shell(`dart pub add ${pkg.replace(/-/g, "_")}`),
    usage: (pkg, id) => ({
      fence: "dart",
      code: `import 'package:${pkg.replace(/-/g, "_")}/${pkg.replace(/-/g, "_")}.dart';\n\nvoid main() async {\n  final engine = ${id}(retries: 3);\n  await engine.run('example');\n}`,
    }),
  },
  {
    name: "Lua",
    testCommand: "busted",
    topic: "lua",
    weight: 1,
    nameTags: ["lua", "nvim"],
    companions: ["Vim Script", "Shell"],
    favouredDomains: ["editor", "games", "embedded"],
    install: (pkg) => shell(`luarocks install ${pkg}`),
    usage: (pkg) => ({
      fence: "lua",
      code: `local engine = require("${pkg}")\n\nengine.setup({ retries = 3 })\nengine.run("example")`,
    }),
  },
  {
    name: "Zig",
    testCommand: "zig build test",
    topic: "zig",
    weight: 0.6,
    nameTags: ["zig"],
    companions: ["C"],
    favouredDomains: ["compilers", "games", "embedded", "parsing"],
    install: (pkg) => shell(`zig fetch --save git+https://example.invalid/${pkg}`),
    usage: (pkg) => ({
      fence: "zig",
      code: `const engine = @import("${pkg}");\n\npub fn main() !void {\n    try engine.run(.{ .retries = 3 });\n}`,
    }),
  },
  {
    name: "Julia",
    testCommand: 'julia --project -e "using Pkg; Pkg.test()"',
    topic: "julia",
    weight: 0.6,
    nameTags: ["jl"],
    companions: ["Python", "TeX"],
    favouredDomains: ["science", "ml", "dataviz"],
    install: (pkg) => ({ fence: "julia", code: `using Pkg\nPkg.add("${pkg}")` }),
    usage: (_pkg, id) => ({ fence: "julia", code: `using ${id}\n\nresult = ${id}.run("example"; retries = 3)` }),
  },
  {
    name: "Shell",
    testCommand: "bats test/",
    topic: "shell",
    weight: 2,
    nameTags: ["sh", "bash"],
    companions: ["Dockerfile", "Makefile", "Python"],
    favouredDomains: ["devops", "cli", "editor"],
    install: (pkg) => shell(`curl -fsSL https://example.invalid/${pkg}/install.sh | sh`),
    usage: (pkg) => shell(`${pkg} --init\n${pkg} run example --verbose`),
  },
  {
    name: "R",
    testCommand: 'Rscript -e "devtools::test()"',
    topic: "r",
    weight: 1,
    nameTags: ["r"],
    companions: ["C++", "TeX"],
    favouredDomains: ["science", "dataviz", "ml"],
    install: (pkg) => ({ fence: "r", code: `install.packages("${pkg}")` }),
    usage: (pkg) => ({ fence: "r", code: `library(${pkg})\n\nresult <- run_analysis(dataset, retries = 3)\nsummary(result)` }),
  },
  {
    name: "Clojure",
    testCommand: "clojure -X:test",
    topic: "clojure",
    weight: 0.5,
    nameTags: ["clj"],
    companions: ["Java", "JavaScript"],
    favouredDomains: ["web", "database", "concurrency"],
    install: (pkg) => ({ fence: "clojure", code: `{:deps {dev.example/${pkg} {:mvn/version "0.5.0"}}}` }),
    usage: (pkg) => ({ fence: "clojure", code: `(require '[${pkg}.core :as engine])\n\n(engine/run {:retries 3} "example")` }),
  },
  {
    name: "OCaml",
    testCommand: "dune test",
    topic: "ocaml",
    weight: 0.4,
    nameTags: ["ml", "caml"],
    companions: ["C", "Shell"],
    favouredDomains: ["compilers", "parsing"],
    install: (pkg) => shell(`opam install ${pkg}`),
    usage: (pkg) => ({ fence: "ocaml", code: `let () =\n  let engine = ${pkg.replace(/-/g, "_")}.create ~retries:3 () in\n  ${pkg.replace(/-/g, "_")}.run engine "example"` }),
  },
  {
    name: "Jupyter Notebook",
    testCommand: "pytest --nbmake notebooks/",
    topic: "jupyter-notebook",
    weight: 2.5,
    nameTags: ["nb", "notebooks"],
    companions: ["Python", "HTML"],
    favouredDomains: ["ml", "science", "dataviz"],
    install: () => shell("pip install -r requirements.txt\njupyter lab"),
    usage: () => shell("jupyter nbconvert --to notebook --execute notebooks/01-overview.ipynb"),
  },
];

export type DomainProfile = {
  key: string;
  /** Words that make good repository-name stems. */
  stems: readonly string[];
  topics: readonly string[];
  /** What the project is, completing "A … for {language}". */
  subjects: readonly string[];
  features: readonly string[];
  /** Unsolved work a newcomer could pick up. */
  openProblems: readonly string[];
};

export const domainProfiles: readonly DomainProfile[] = [
  {
    key: "web",
    stems: ["router", "http", "server", "api", "rest", "web", "handler", "middleware", "gateway"],
    topics: ["web", "http", "framework", "rest-api", "web-framework", "middleware", "api"],
    subjects: ["web framework", "HTTP router", "REST API toolkit", "middleware collection", "API gateway", "HTTP server"],
    features: ["zero-allocation routing", "typed request validation", "streaming responses", "OpenAPI generation", "graceful shutdown", "pluggable middleware"],
    openProblems: ["HTTP/3 support", "a request-tracing middleware", "benchmarks against other routers", "better error pages in development mode", "WebSocket upgrade handling"],
  },
  {
    key: "cli",
    stems: ["cli", "term", "cmd", "prompt", "shell", "tui", "flags", "args"],
    topics: ["cli", "terminal", "command-line", "tui", "command-line-tool"],
    subjects: ["command-line tool", "terminal UI library", "argument parser", "shell prompt", "task runner"],
    features: ["shell completions for bash, zsh and fish", "colour output that respects NO_COLOR", "subcommands", "config files in TOML", "progress bars"],
    openProblems: ["Windows terminal support", "man page generation", "localised help text", "a plugin system", "faster start-up time"],
  },
  {
    key: "database",
    stems: ["db", "orm", "sql", "query", "store", "kv", "migrate", "cache", "index"],
    topics: ["database", "orm", "sql", "sqlite", "postgresql", "key-value", "cache", "migrations"],
    subjects: ["type-safe SQL query builder", "embedded key-value store", "ORM", "schema migration tool", "caching layer", "database driver"],
    features: ["connection pooling", "compile-time checked queries", "transactions with savepoints", "online migrations", "pluggable storage backends"],
    openProblems: ["MySQL dialect support", "query plan visualisation", "a crash-recovery test suite", "streaming large result sets", "read replicas"],
  },
  {
    key: "testing",
    stems: ["test", "mock", "spec", "bench", "fuzz", "assert", "snapshot", "fixture"],
    topics: ["testing", "mocking", "unit-testing", "fuzzing", "benchmark", "test-automation"],
    subjects: ["test runner", "mocking library", "property-based testing toolkit", "snapshot testing helper", "benchmark harness", "fuzzing driver"],
    features: ["parallel test execution", "readable diffs", "watch mode", "shrinking of failing cases", "JUnit XML reports"],
    openProblems: ["flaky-test detection", "coverage integration", "an IDE plugin", "better async stack traces", "test sharding across CI machines"],
  },
  {
    key: "observability",
    stems: ["log", "trace", "metrics", "otel", "probe", "monitor", "pulse"],
    topics: ["logging", "observability", "opentelemetry", "monitoring", "metrics", "tracing"],
    subjects: ["structured logging library", "metrics exporter", "distributed tracing client", "uptime monitor", "log shipper"],
    features: ["JSON and logfmt output", "sampling", "OpenTelemetry export", "low-overhead counters", "log rotation"],
    openProblems: ["exemplars support", "a Grafana dashboard", "lower memory use under load", "redaction of secrets in log lines", "histogram aggregation"],
  },
  {
    key: "parsing",
    stems: ["parse", "lexer", "json", "yaml", "toml", "markdown", "csv", "schema", "serde"],
    topics: ["parser", "json", "yaml", "markdown", "toml", "csv", "serialization"],
    subjects: ["fast JSON parser", "Markdown renderer", "YAML library", "parser combinator library", "CSV toolkit", "schema validator"],
    features: ["streaming parsing", "precise error positions", "round-trip preserving comments", "SIMD acceleration", "no dependencies"],
    openProblems: ["a spec-conformance test suite", "fuzzing the lexer", "incremental re-parsing", "better error recovery", "WASM builds"],
  },
  {
    key: "ml",
    stems: ["ml", "tensor", "learn", "neural", "embed", "model", "infer", "vector", "llm"],
    topics: ["machine-learning", "deep-learning", "nlp", "llm", "neural-network", "computer-vision", "embeddings"],
    subjects: ["machine learning toolkit", "neural network library", "embedding search engine", "model serving runtime", "text classification pipeline"],
    features: ["GPU acceleration", "quantised inference", "ONNX export", "reproducible training runs", "a small pretrained example model"],
    openProblems: ["mixed-precision training", "dataset streaming", "model cards for the examples", "distributed training", "an evaluation harness"],
  },
  {
    key: "dataviz",
    stems: ["plot", "chart", "viz", "dash", "graph", "canvas"],
    topics: ["data-visualization", "charts", "dashboard", "plotting", "visualization"],
    subjects: ["charting library", "interactive dashboard kit", "plotting toolkit", "graph visualisation tool"],
    features: ["SVG and canvas renderers", "responsive layouts", "accessible colour palettes", "live-updating series", "PNG export"],
    openProblems: ["screen-reader descriptions for charts", "large dataset down-sampling", "dark theme", "a gallery of examples", "zoom and pan on touch devices"],
  },
  {
    key: "devops",
    stems: ["deploy", "ci", "kube", "helm", "infra", "ops", "dock", "pipeline", "release"],
    topics: ["devops", "kubernetes", "docker", "ci-cd", "terraform", "infrastructure-as-code", "github-actions"],
    subjects: ["Kubernetes operator", "deployment tool", "CI pipeline helper", "container image builder", "infrastructure-as-code module"],
    features: ["dry-run mode", "declarative configuration", "rollbacks", "secret management integration", "multi-cluster support"],
    openProblems: ["ARM64 images", "a Helm chart", "drift detection", "better status reporting", "support for another cloud provider"],
  },
  {
    key: "games",
    stems: ["game", "engine", "sprite", "physics", "pixel", "ecs", "voxel", "tile"],
    topics: ["game-engine", "gamedev", "2d", "physics", "ecs", "game-development", "pixel-art"],
    subjects: ["2D game engine", "physics engine", "entity component system", "tilemap editor", "voxel renderer"],
    features: ["hot reloading of assets", "deterministic physics", "gamepad input", "a sprite batcher", "WebAssembly builds"],
    openProblems: ["an audio mixer", "a level editor", "networked multiplayer", "mobile touch input", "more example games"],
  },
  {
    key: "security",
    stems: ["crypt", "auth", "jwt", "vault", "scan", "guard", "cipher", "secret", "sign"],
    topics: ["security", "cryptography", "authentication", "oauth2", "jwt", "vulnerability-scanner"],
    subjects: ["authentication library", "secret scanner", "JWT toolkit", "password hashing library", "dependency vulnerability scanner"],
    features: ["constant-time comparisons", "key rotation", "WebAuthn support", "SARIF output", "audit logging"],
    openProblems: ["a third-party security audit", "hardware key support", "more detection rules", "post-quantum algorithms", "documentation of the threat model"],
  },
  {
    key: "networking",
    stems: ["net", "socket", "proxy", "dns", "grpc", "mesh", "tunnel", "packet", "ws"],
    topics: ["networking", "grpc", "websocket", "proxy", "dns", "p2p", "tcp"],
    subjects: ["reverse proxy", "WebSocket library", "gRPC toolkit", "DNS resolver", "peer-to-peer networking library"],
    features: ["TLS termination", "connection multiplexing", "back-pressure", "IPv6 support", "zero-copy buffers"],
    openProblems: ["QUIC transport", "a fuzzing harness for the frame parser", "metrics for connection pools", "better reconnect back-off", "documentation of the wire format"],
  },
  {
    key: "editor",
    stems: ["lint", "fmt", "lsp", "ide", "vim", "edit", "syntax", "refactor"],
    topics: ["linter", "formatter", "language-server", "developer-tools", "neovim", "vscode-extension"],
    subjects: ["linter", "code formatter", "language server", "Neovim plugin", "editor extension"],
    features: ["auto-fix for most rules", "incremental analysis", "configurable rule sets", "editor integration over LSP", "fast start-up"],
    openProblems: ["more lint rules", "a playground website", "monorepo support", "faster cold starts", "inline documentation on hover"],
  },
  {
    key: "docs",
    stems: ["site", "docs", "blog", "press", "page", "wiki", "static"],
    topics: ["static-site-generator", "documentation", "blog", "markdown", "documentation-tool"],
    subjects: ["static site generator", "documentation tool", "blog engine", "API reference generator"],
    features: ["incremental builds", "full-text search", "themes", "versioned docs", "i18n"],
    openProblems: ["a theme gallery", "image optimisation", "RSS feeds", "right-to-left layout", "faster rebuilds"],
  },
  {
    key: "concurrency",
    stems: ["async", "pool", "queue", "task", "sched", "worker", "actor", "chan", "job"],
    topics: ["async", "concurrency", "job-queue", "scheduler", "actor-model", "background-jobs"],
    subjects: ["background job queue", "async runtime", "worker pool", "cron scheduler", "actor framework"],
    features: ["retries with back-off", "priorities", "at-least-once delivery", "cancellation", "a web dashboard"],
    openProblems: ["rate-limited queues", "dead-letter handling", "a Redis-free backend", "structured concurrency", "tracing integration"],
  },
  {
    key: "media",
    stems: ["img", "audio", "video", "codec", "pixel", "sound", "thumb", "frame"],
    topics: ["image-processing", "audio", "video", "multimedia", "ffmpeg", "image"],
    subjects: ["image processing library", "audio synthesis toolkit", "video thumbnailer", "codec wrapper"],
    features: ["SIMD resizing", "colour management", "streaming decode", "lossless formats", "batch processing"],
    openProblems: ["AVIF support", "HDR images", "GPU decode", "a command-line front end", "more audio effects"],
  },
  {
    key: "embedded",
    stems: ["mcu", "iot", "firmware", "bus", "sensor", "board", "hal", "rtos"],
    topics: ["embedded", "iot", "firmware", "arduino", "esp32", "microcontroller", "rtos"],
    subjects: ["embedded HAL", "IoT firmware", "sensor driver collection", "real-time OS", "microcontroller toolkit"],
    features: ["no heap allocations", "low-power modes", "over-the-air updates", "I2C and SPI drivers", "a simulator for tests"],
    openProblems: ["support for another board", "a power-consumption benchmark", "Bluetooth LE", "hardware-in-the-loop CI", "documentation for beginners"],
  },
  {
    key: "compilers",
    stems: ["lang", "compiler", "vm", "jit", "ast", "interp", "bytecode", "script"],
    topics: ["compiler", "interpreter", "programming-language", "virtual-machine", "jit", "ast"],
    subjects: ["toy programming language", "bytecode virtual machine", "compiler front end", "scripting language", "JIT compiler"],
    features: ["a REPL", "tail-call optimisation", "a garbage collector", "pattern matching", "good error messages"],
    openProblems: ["a standard library", "a debugger", "incremental compilation", "a language server", "self-hosting"],
  },
  {
    key: "ui",
    stems: ["ui", "widget", "view", "theme", "kit", "form", "layout", "design"],
    topics: ["ui-components", "design-system", "gui", "react", "components", "accessibility"],
    subjects: ["UI component library", "design system", "form library", "cross-platform GUI toolkit", "layout engine"],
    features: ["keyboard navigation", "theming with design tokens", "server-side rendering", "right-to-left support", "tree-shakable components"],
    openProblems: ["a date picker", "automated accessibility tests", "a Figma kit", "animations that respect reduced motion", "more documentation examples"],
  },
  {
    key: "science",
    stems: ["sim", "stats", "bio", "geo", "chem", "astro", "solver", "numeric"],
    topics: ["scientific-computing", "statistics", "bioinformatics", "gis", "simulation", "numerical-methods"],
    subjects: ["numerical solver", "statistics package", "bioinformatics pipeline", "geospatial toolkit", "simulation framework"],
    features: ["sparse matrices", "unit-aware quantities", "reproducible random streams", "parallel execution", "plotting helpers"],
    openProblems: ["GPU kernels", "more file formats", "validation against reference data", "a tutorial notebook", "lower memory use for large inputs"],
  },
];

export const nameAdjectives = [
  "tiny", "fast", "simple", "lazy", "quick", "micro", "mini", "smart", "hyper", "safe", "pure", "lean",
  "easy", "modern", "zero", "little", "swift", "open", "light", "bright", "calm", "sharp", "nimble", "solid",
] as const;

export const nameSuffixes = ["kit", "ly", "ify", "x", "core", "lite", "hub", "tools", "box", "io", "lab", "forge"] as const;

export const descriptionAdjectives = [
  "lightweight", "fast", "minimal", "batteries-included", "type-safe", "modular", "embeddable", "simple",
  "extensible", "zero-dependency", "production-ready", "experimental", "small", "composable",
] as const;

/** Syllables for coined owner and project names that do not collide with real projects. */
export const syllables = [
  "ka", "lo", "mi", "ra", "ven", "to", "sil", "mar", "ne", "dor", "qui", "bel", "fa", "zen", "tor", "li",
  "sa", "vo", "ren", "ta", "mo", "ki", "lu", "nor", "pe", "ri", "an", "el", "os", "ur", "ix", "ba", "do",
  "gar", "hal", "jo", "kel", "mer", "nix", "pol", "ros", "tam", "vel", "wyn", "yor", "zo",
] as const;

export const orgSuffixes = ["labs", "dev", "io", "hq", "tech", "org", "oss", "works", "systems", "collective", "project"] as const;

export const licenseMix: readonly (readonly [spdxId: string | null, weight: number])[] = [
  ["MIT", 40],
  ["Apache-2.0", 24],
  [null, 11],
  ["GPL-3.0", 7],
  ["BSD-3-Clause", 5],
  ["MPL-2.0", 3],
  ["BSD-2-Clause", 2],
  ["LGPL-3.0", 2],
  ["AGPL-3.0", 2],
  ["ISC", 1.5],
  ["Unlicense", 1],
  ["NOASSERTION", 1.5],
];

/** README file names at the repository root, as GitHub repositories commonly spell them. */
export const readmeFileNames: readonly (readonly [fileName: string, weight: number])[] = [
  ["README.md", 88],
  ["readme.md", 4],
  ["Readme.md", 2],
  ["README.rst", 3],
  ["README", 2],
  ["README.markdown", 1],
];
