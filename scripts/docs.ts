/**
 * Builds the HTML API reference into reports/reference/: one page per API in redocly.yaml, rendered by
 * `redocly build-docs`, and reports/reference/index.html linking them with each spec's title and version.
 *   npm run docs
 *
 * The pages work offline: the Redoc scripts are inlined (--inlineBundle), Redoc's telemetry is off
 * (REDOCLY_TELEMETRY=off sets its disableTelemetry option), and the one asset Redoc still takes from
 * its CDN, the Redocly logo in the sidebar footer, is replaced by an inline wordmark (Redoc 3 has no
 * option for it: https://github.com/Redocly/redoc/issues/2108). `npm run test:docs` fails on any
 * request that leaves the local server, so a new CDN asset in a later Redoc is caught there.
 */
import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join, relative } from "node:path";
import { type ApiEntry, loadApis, repoRoot } from "./lib/api-registry.js";
import { isEntryPoint } from "./lib/entry-point.js";
import { loadSpec } from "./lib/spec-operations.js";

const require = createRequire(import.meta.url);
const redoclyBin = join(dirname(require.resolve("@redocly/cli/package.json")), "bin", "cli.js");

/** Where `npm run docs` writes (git-ignored; docs/ holds the hand-written reference pages). */
export const docsDir = join(repoRoot, "reports", "reference");

export interface ReferencePage {
  /** API name from redocly.yaml; the page is `<name>.html`. */
  name: string;
  /** `info.title` of the spec. */
  title: string;
  /** `info.version` of the spec. */
  version: string;
  /** File name of the page inside the output folder, as linked from index.html. */
  href: string;
}

/** Builds every API's page and the index into `outDir` (default reports/reference/). Throws naming each API whose build failed. */
export async function buildReferenceDocs(outDir = docsDir): Promise<ReferencePage[]> {
  mkdirSync(outDir, { recursive: true });
  const apis = loadApis();
  const results = await Promise.allSettled(apis.map((api) => buildPage(api, outDir)));
  const failures = results.flatMap((r) =>
    r.status === "rejected" ? [r.reason instanceof Error ? r.reason.message : String(r.reason)] : [],
  );
  if (failures.length > 0)
    throw new Error(`docs: ${failures.length} of ${apis.length} API pages failed to build:\n\n${failures.join("\n\n")}`);
  const pages = results.map((r) => (r as PromiseFulfilledResult<ReferencePage>).value);
  writeFileSync(join(outDir, "index.html"), renderIndex(pages));
  return pages;
}

async function buildPage(api: ApiEntry, outDir: string): Promise<ReferencePage> {
  const href = `${api.name}.html`;
  const output = join(outDir, href);
  const args = [redoclyBin, "build-docs", api.name, "--config", join(repoRoot, "redocly.yaml"), "--output", output, "--inlineBundle"];
  const [{ document }] = await Promise.all([
    loadSpec(api.root),
    run(args).catch((error: RunError) => {
      const command = `redocly build-docs ${api.name} (spec ${relative(repoRoot, api.root)})`;
      throw new Error(
        `${api.name}: ${command} failed (${error.reason}). Fix the spec or redocly.yaml; its output:\n${indent(error.output)}`,
      );
    }),
  ]);
  const info = (document.info ?? {}) as Record<string, unknown>;
  if (typeof info.title !== "string" || typeof info.version !== "string") {
    throw new Error(`${api.name}: ${relative(repoRoot, api.root)} needs info.title and info.version for the docs index`);
  }
  writeFileSync(output, makeOffline(readFileSync(output, "utf8")));
  return { name: api.name, title: info.title, version: info.version, href };
}

interface RunError {
  reason: string;
  output: string;
}

function run(args: string[]): Promise<void> {
  return new Promise((resolveRun, reject) => {
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", NO_COLOR: "1" };
    execFile(process.execPath, args, { cwd: repoRoot, env, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      if (!error) return resolveRun();
      const reason = typeof error.code === "number" ? `exit code ${error.code}` : error.message;
      reject({ reason, output: withoutBanner(`${stdout}\n${stderr}`) } satisfies RunError);
    });
  });
}

/** Drops the CLI's boxed Node.js deprecation notice and blank lines, which say nothing about the failure. */
function withoutBanner(output: string): string {
  return output
    .split("\n")
    .filter((line) => line.trim() !== "" && !/^\s*[╔║╚]/.test(line))
    .join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((line) => `    ${line}`)
    .join("\n");
}

// Stand-ins for https://cdn.redoc.ly/redoc/logo-mini-full.svg and logo-mini.svg: the footer still
// reads "API docs by Redocly" and links to redocly.com, without a request to the CDN.
const wordmark = (text: string, width: number) =>
  `data:image/svg+xml,${encodeURIComponent(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="16" viewBox="0 0 ${width} 16">` +
      `<text x="0" y="12.5" font-family="sans-serif" font-size="12" font-weight="600" fill="#0044D4">${text}</text></svg>`,
  )}`;
const cdnAssets: Record<string, string> = {
  "https://cdn.redoc.ly/redoc/logo-mini-full.svg": wordmark("Redocly", 48),
  "https://cdn.redoc.ly/redoc/logo-mini.svg": wordmark("R", 10),
};

/** Swaps the CDN logo for inline images and declares an empty favicon, so the page makes no request of its own. */
export function makeOffline(html: string): string {
  let page = html;
  for (const [url, inline] of Object.entries(cdnAssets)) page = page.split(url).join(inline);
  // Without a declared icon the browser asks the server for /favicon.ico, which the reference folder does not have.
  return page.replace(/<head>/i, '<head>\n  <link rel="icon" href="data:,">');
}

export function renderIndex(pages: ReferencePage[]): string {
  const items = pages
    .map(
      (p) =>
        `      <li><a href="${escapeHtml(p.href)}">${escapeHtml(p.title)}</a> ` +
        `<span class="version">version ${escapeHtml(p.version)}</span> <code>${escapeHtml(p.name)}</code></li>`,
    )
    .join("\n");
  return `<!DOCTYPE html>
<html lang="en">
  <head>
    <meta charset="utf-8">
    <meta name="viewport" content="width=device-width, initial-scale=1">
    <link rel="icon" href="data:,">
    <title>crm-kit API reference</title>
    <style>
      body { font-family: system-ui, sans-serif; max-width: 40rem; margin: 3rem auto; padding: 0 1rem; line-height: 1.5; }
      li { margin: 0.5rem 0; }
      .version, code { color: #555; }
    </style>
  </head>
  <body>
    <h1>crm-kit API reference</h1>
    <p>One page per API in <code>redocly.yaml</code>, built by <code>npm run docs</code>.</p>
    <ul>
${items}
    </ul>
  </body>
</html>
`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function main() {
  if (process.argv.length > 2) {
    console.error(`docs: unexpected argument ${process.argv.slice(2).join(" ")}; usage: npm run docs`);
    process.exitCode = 2;
    return;
  }
  const started = performance.now();
  try {
    const pages = await buildReferenceDocs();
    for (const p of pages) {
      const file = join(docsDir, p.href);
      console.log(`${p.name} -> ${relative(repoRoot, file)} (${p.title} ${p.version}, ${Math.round(statSync(file).size / 1024)} KiB)`);
    }
    console.log(`index -> ${relative(repoRoot, join(docsDir, "index.html"))} (${Math.round(performance.now() - started)} ms)`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  }
}

if (isEntryPoint(import.meta.url)) {
  await main();
}
