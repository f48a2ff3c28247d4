/** The ```ts blocks of a Markdown text, each with the line its code starts on. */
export function tsBlocks(markdown: string): Array<{ line: number; code: string }> {
  const blocks: Array<{ line: number; code: string }> = [];
  const lines = markdown.split("\n");
  for (let i = 0; i < lines.length; i++) {
    if (lines[i]?.trim() !== "```ts") continue;
    const start = i + 1;
    while (i + 1 < lines.length && lines[i + 1]?.trim() !== "```") i++;
    blocks.push({ line: start + 1, code: lines.slice(start, i + 1).join("\n") });
  }
  return blocks;
}
