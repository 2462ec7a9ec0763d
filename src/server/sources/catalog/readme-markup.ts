/**
 * How a README's sections become a document: Markdown, reStructuredText (README.rst) or plain text
 * (README), by the file name as GitHub renders it.
 */

export type Section = { heading: string; body: string };

export function codeBlock(block: { fence: string; code: string }): string {
  return `\`\`\`${block.fence}\n${block.code}\n\`\`\``;
}

export function bulletList(items: readonly string[]): string {
  return items.map((item) => `- ${item}`).join("\n");
}

export function renderDocument(options: {
  title: string;
  lead: string | null;
  sections: Section[];
  path: string;
}): string {
  const { title, lead, sections, path } = options;
  const format = path.endsWith(".rst") ? "rst" : path === "README" ? "plain" : "markdown";
  const parts: string[] = [];
  if (format === "rst") {
    parts.push(`${title}\n${"=".repeat(Math.max(title.length, 3))}`);
  } else if (format === "plain") {
    parts.push(title.toUpperCase());
  } else {
    parts.push(`# ${title}`);
  }
  if (lead) parts.push(lead);
  for (const section of sections) {
    if (format === "rst") {
      parts.push(
        `${section.heading}\n${"-".repeat(Math.max(section.heading.length, 3))}\n\n${toRestructuredText(section.body)}`,
      );
    } else if (format === "plain") parts.push(`${section.heading}\n\n${section.body}`);
    else parts.push(`## ${section.heading}\n\n${section.body}`);
  }
  return `${parts.join("\n\n")}\n`;
}

/** reST has no fenced code blocks; a `code-block` directive with an indented body is the equivalent. */
function toRestructuredText(markdown: string): string {
  return markdown.replace(/```(\w*)\n([\s\S]*?)\n```/g, (_match, fence: string, code: string) => {
    const indented = code
      .split("\n")
      .map((line) => (line === "" ? "" : `   ${line}`))
      .join("\n");
    return `.. code-block:: ${fence || "text"}\n\n${indented}`;
  });
}
