/**
 * What software READMEs show and learning material rarely does: a command that installs the package, a
 * badge of the registry it is published on or of its CI, and example code that imports the package itself.
 * All patterns are anchored or bounded so that hostile text costs linear time.
 */

/**
 * A command that installs a package. Installing the repository itself (`pip install flask` in Flask's
 * README) is what users of software do; installing something else (`apt install git`) is a set-up step
 * that courses have too. Horizontal space only: a command never continues on the next line.
 */
export const installCommand =
  /(?:^|[\s`$>])(?:npm[ \t]+(?:i|install|add)|npx|yarn[ \t]+(?:global[ \t]+)?add|pnpm[ \t]+(?:add|i)|bun[ \t]+add|deno[ \t]+(?:add|install)|pip3?[ \t]+install|pipx[ \t]+install|uv[ \t]+(?:add|tool[ \t]+install)|conda[ \t]+install|cargo[ \t]+(?:install|add)|cargo[ \t]+binstall|go[ \t]+(?:install|get)|brew[ \t]+install|(?:sudo[ \t]+)?apt(?:-get)?[ \t]+install|gem[ \t]+install|composer[ \t]+(?:global[ \t]+)?require|dotnet[ \t]+(?:add[ \t]+package|tool[ \t]+install)|Install-Package|docker[ \t]+(?:run|pull)|helm[ \t]+install|snap[ \t]+install|winget[ \t]+install|scoop[ \t]+install|choco[ \t]+install|nix[ \t]+profile[ \t]+install|opam[ \t]+install|luarocks[ \t]+install|cabal[ \t]+install|nimble[ \t]+install|install\.packages\()(?=[ \t("'])(?![ \t]+-(?:r|e)\b)(?![ \t]+\.)[^\n]*/g;

/** "curl -fsSL https://… | sh", "iwr … | iex": an installer script piped into a shell. */
const pipedInstaller =
  /(?:^|[\s`$>])(?:curl|wget|iwr|irm|Invoke-WebRequest|Invoke-RestMethod)[ \t][^|\n]{0,400}\|[ \t]{0,3}(?:sudo[ \t]{1,3}(?:-E[ \t]{1,3})?)?(?:ba|z|da)?(?:sh|iex)(?![\w-])/i;

/** Set-up commands: any runnable repository has them, courses included, so they weigh little. */
export const projectSetup =
  /(?:^|[\s`$>])(?:npm[ \t]+(?:i|install|ci)[ \t]*$|yarn(?:[ \t]+install)?[ \t]*$|bundle[ \t]+install|composer[ \t]+install|pip3?[ \t]+install[ \t]+-r|docker[ \t]+compose[ \t]+up|docker-compose[ \t]+up|make[ \t]+install|cargo[ \t]+build|go[ \t]+build)/m;

export type InstallMatch = { index: number; end: number; command: string };

/** Every install command and piped installer in the text, in order. */
export function findInstallCommands(text: string): InstallMatch[] {
  const found: InstallMatch[] = [];
  for (const match of text.matchAll(installCommand))
    found.push({ index: match.index, end: match.index + match[0].length, command: match[0] });
  let lineStart = 0;
  while (lineStart < text.length && found.length < 200) {
    const newline = text.indexOf("\n", lineStart);
    const lineEnd = newline === -1 ? text.length : newline;
    // Cheap test first: a pipe and a downloader on the line.
    const line = text.slice(lineStart, Math.min(lineEnd, lineStart + 2_000));
    if (line.includes("|")) {
      const piped = pipedInstaller.exec(line);
      if (piped) found.push({ index: lineStart + piped.index, end: lineStart + line.length, command: line });
    }
    lineStart = lineEnd + 1;
  }
  return found.sort((a, b) => a.index - b.index);
}

/** The registries whose badges a published package shows, by how their badge addresses look. */
const registryBadges: ReadonlyArray<readonly [string, RegExp]> = [
  [
    "npm",
    /img\.shields\.io\/npm\/|badge\.fury\.io\/js\/|nodei\.co\/npm|badgen\.net\/npm\/|packagephobia\.com\/badge/,
  ],
  ["crates.io", /img\.shields\.io\/crates\/|docs\.rs\/[\w-]{1,100}\/badge|badgen\.net\/crates\//],
  [
    "PyPI",
    /img\.shields\.io\/pypi\/|badge\.fury\.io\/py\/|static\.pepy\.tech\/|pepy\.tech\/badge|badgen\.net\/pypi\//,
  ],
  ["pkg.go.dev", /pkg\.go\.dev\/badge|godoc\.org\/[^\s)]{1,200}\?status\.svg|goreportcard\.com\/badge/],
  ["Maven Central", /img\.shields\.io\/maven-central\/|maven-badges\.herokuapp\.com|maven-badges\.sml\.io/],
  ["NuGet", /img\.shields\.io\/nuget\/|badge\.fury\.io\/nu\/|buildstats\.info\/nuget/],
  ["Packagist", /img\.shields\.io\/packagist\/|poser\.pugx\.org\//],
  ["RubyGems", /img\.shields\.io\/gem\/|badge\.fury\.io\/rb\//],
  ["Docker Hub", /img\.shields\.io\/docker\/(?:pulls|v|image-size|stars|automated)\//],
  ["Homebrew", /img\.shields\.io\/homebrew\//],
  ["conda", /img\.shields\.io\/conda\/|anaconda\.org\/[^\s)]{1,200}\/badges\//],
  ["the VS Code Marketplace", /img\.shields\.io\/(?:vscode-marketplace|visual-studio-marketplace)\//],
  ["the Chrome Web Store", /img\.shields\.io\/chrome-web-store\//],
  ["pub.dev", /img\.shields\.io\/pub\//],
  ["Hex", /img\.shields\.io\/hexpm\//],
  ["CocoaPods", /img\.shields\.io\/cocoapods\//],
  ["JSR", /jsr\.io\/badges\//],
  ["the PlatformIO registry", /badges\.registry\.platformio\.org\//],
];
const ciBadge =
  /\/actions\/workflows\/[^\s)]{1,200}badge\.svg|\/workflows\/[^\s)]{1,200}\/badge\.svg|img\.shields\.io\/github\/(?:actions\/)?workflow\/status|travis-ci\.(?:org|com)\/|circleci\.com\/|ci\.appveyor\.com\/|dev\.azure\.com\/[^\s)]{1,200}\/_apis\/build\/status|\/badges\/[^\s)]{0,100}pipeline\.svg|buildkite\.com\//;
const coverageBadge =
  /codecov\.io\/|coveralls\.io\/|img\.shields\.io\/(?:codecov|coveralls)\/|sonarcloud\.io\/api/;

export type Badges = { registries: string[]; ci: boolean; coverage: boolean };

export function readBadges(imageUrls: readonly string[]): Badges {
  const registries = new Set<string>();
  let ci = false;
  let coverage = false;
  for (const url of imageUrls) {
    for (const [registry, pattern] of registryBadges) if (pattern.test(url)) registries.add(registry);
    ci ||= ciBadge.test(url);
    coverage ||= coverageBadge.test(url);
  }
  return { registries: [...registries], ci, coverage };
}

/**
 * The modules a line of example code imports or requires, in the common languages: JavaScript, Python,
 * Go, Rust, Ruby, PHP, Java/Kotlin/Scala, C#, R, C/C++; and dependency declarations (Maven, Gradle).
 */
const importForms: readonly RegExp[] = [
  /\bfrom[ \t]{1,3}["']([^"'\s]{1,200})["']/,
  /\b(?:require|import)[ \t]{0,2}\(?[ \t]{0,2}["']([^"'\s]{1,200})["']/,
  /^[ \t]{0,8}(?:from|import)[ \t]{1,3}(?:static[ \t]{1,3})?([\w.]{1,200})/,
  /^[ \t]{0,8}(?:import[ \t]{1,3})?(?:[\w.]{1,40}[ \t]{1,3})?"([\w.-]{1,100}\/[^"\s]{1,200})"/,
  /^[ \t]{0,8}(?:pub[ \t]{1,3})?use[ \t]{1,3}([\w\\]{1,200})/,
  /^[ \t]{0,8}extern[ \t]{1,3}crate[ \t]{1,3}(\w{1,100})/,
  /^[ \t]{0,8}using[ \t]{1,3}([\w.]{1,200})[ \t]{0,3};/,
  /\blibrary\([ \t]{0,3}["']?([\w.]{1,100})/,
  /^[ \t]{0,8}#include[ \t]{0,3}[<"]([^>"\s]{1,200})[>"]/,
  /<artifactId>[ \t]{0,3}([\w.-]{1,100})[ \t]{0,3}<\/artifactId>/,
  /\b(?:implementation|api|compile)[ \t]{0,3}\(?[ \t]{0,3}["'][\w.-]{1,100}:([\w.-]{1,100})/,
];

function normalizeName(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, "");
}

/** The forms a package of this repository may be imported by: "pyyaml" → "yaml", "chalk.js" → "chalk". */
function ownNames(repoName: string): Set<string> {
  const own = normalizeName(repoName);
  const names = new Set([own]);
  for (const prefix of ["py", "node", "go", "lib"])
    if (own.startsWith(prefix) && own.length - prefix.length >= 3) names.add(own.slice(prefix.length));
  for (const suffix of ["js", "py", "rs", "lib"])
    if (own.endsWith(suffix) && own.length - suffix.length >= 3) names.add(own.slice(0, -suffix.length));
  return names;
}

/** Repositories named after a language import its standard library, not themselves ("import java.util"). */
const languageNames = new Set(
  "java javascript python golang rust kotlin swift ruby php scala typescript csharp cpp haskell elixir dart lua perl julia android node std".split(
    " ",
  ),
);

/** The first module in the code lines that is the repository's own package, as written, or null. */
export function findOwnImport(codeLines: readonly string[], repoName: string): string | null {
  const own = normalizeName(repoName);
  if (own.length < 3 || languageNames.has(own)) return null;
  const names = ownNames(repoName);
  for (const line of codeLines) {
    const head = line.length > 400 ? line.slice(0, 400) : line;
    for (const form of importForms) {
      const module = form.exec(head)?.[1];
      if (!module) continue;
      const parts = [module, ...module.split(/[/.:\\]+/)].map(normalizeName);
      if (parts.some((part) => names.has(part) || (own.length >= 4 && part.startsWith(own)))) return module;
    }
  }
  return null;
}
