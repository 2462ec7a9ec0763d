/**
 * GitHub's rule for language names: "Jupyter Notebook", "jupyter-notebook" and "jupyter notebook" name the
 * same language. Every comparison of language names in the app goes through this one spelling.
 */
export function normalizeLanguage(language: string): string {
  return language
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, " ");
}
