/**
 * Opens the built API reference in headless Chromium as a reader would: the index, then every
 * operation of every API through the sidebar. Summaries, titles and versions come from the specs,
 * so a page that drops an operation or renders it under another name fails here.
 * Run with `npm run test:docs` (needs /usr/bin/chromium; `.ci/run` installs it).
 */
import type { Browser, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildReferenceDocs, docsDir } from "../scripts/docs.js";
import { loadApis } from "../scripts/lib/api-registry.js";
import { loadSpec, type OpenApiNode } from "../scripts/lib/spec-operations.js";
import { launchChromium, watchPage } from "./support/chromium.js";
import { type StaticServer, serveFolder } from "./support/static-server.js";

interface DocumentedOperation {
  operationId: string;
  /** `summary` from the spec: Redoc's sidebar label and the operation's heading. */
  summary: string | undefined;
  /** Sidebar label of the operation's first tag (`x-displayName`, else the tag name). */
  tagLabel: string | undefined;
}

const apis = await Promise.all(
  loadApis().map(async (api) => {
    const { document, operations } = await loadSpec(api.root);
    const tags: OpenApiNode[] = document.tags ?? [];
    const documented = operations.map((op): DocumentedOperation => {
      const spec = document.paths[op.path][op.method.toLowerCase()];
      const tag: string | undefined = spec.tags?.[0];
      const tagLabel = tags.find((t) => t.name === tag)?.["x-displayName"] ?? tag;
      return { operationId: op.operationId, summary: spec.summary, tagLabel };
    });
    return { name: api.name, title: String(document.info?.title), version: String(document.info?.version), operations: documented };
  }),
);

let server: StaticServer | undefined;
let browser: Browser | undefined;

beforeAll(async () => {
  // Always rebuilt, so the pages under test are the specs as they are now.
  await buildReferenceDocs();
  server = await serveFolder(docsDir);
  browser = await launchChromium();
});

afterAll(async () => {
  try {
    await browser?.close();
  } finally {
    await server?.close();
  }
});

/** Opens a page in a fresh browser context and starts recording its problems. */
async function openPage(path: string): Promise<{ page: Page; problems: string[] }> {
  if (!browser || !server) throw new Error("the docs server or Chromium did not start; see the beforeAll error above");
  const page = await browser.newPage();
  // Fail a step with Playwright's own message well before the test times out.
  page.setDefaultTimeout(10_000);
  const url = new URL(path, server.url);
  const problems = await watchPage(page, url.origin);
  await page.goto(url.href);
  return { page, problems };
}

/** Waits briefly for an element to show; false if it does not. */
function shows(locator: Locator): Promise<boolean> {
  return locator.waitFor({ state: "visible", timeout: 2_000 }).then(
    () => true,
    () => false,
  );
}

/** True once one of the matched elements is on screen (Playwright's "visible" alone accepts off-screen). */
function anyInViewport(locator: Locator): Promise<boolean> {
  return locator.evaluateAll((elements) =>
    elements.some((e) => {
      const box = e.getBoundingClientRect();
      return box.width > 0 && box.height > 0 && box.bottom > 0 && box.top < window.innerHeight;
    }),
  );
}

describe("index.html", () => {
  it("links every API in redocly.yaml with its spec's title and version, with no console error", async () => {
    const { page, problems } = await openPage("index.html");
    try {
      for (const api of apis) {
        const link = page.getByRole("link", { name: api.title, exact: true });
        await link.waitFor();
        const href = await link.getAttribute("href");
        expect(href, `${api.name}: link href`).toBe(`${api.name}.html`);
        const item = page.getByRole("listitem").filter({ has: link });
        expect(await item.textContent(), `${api.name}: index entry`).toContain(api.version);
        const target = await fetch(new URL(href ?? "", page.url()));
        expect(target.status, `${api.name}: GET ${href}`).toBe(200);
      }
      expect(await page.getByRole("link").count(), "links on the index").toBe(apis.length);
      expect(problems).toEqual([]);
    } finally {
      await page.close();
    }
  });
});

for (const api of apis) {
  describe(`${api.name}.html`, () => {
    let page: Page | undefined;
    let problems: string[] = [];

    beforeAll(async () => {
      ({ page, problems } = await openPage(`${api.name}.html`));
      await page.getByRole("main").getByRole("heading", { level: 1, name: api.title }).waitFor();
    });

    afterAll(async () => {
      await page?.close();
    });

    for (const op of api.operations) {
      it(`${op.operationId}: its summary "${op.summary}" is visible on its page`, async () => {
        expect(op.summary, `${api.name} ${op.operationId} has no summary in the spec; Redoc labels it by path`).toBeTypeOf("string");
        const summary = op.summary as string;
        const current = page as Page;
        // The sidebar is Redoc's menu list; an operation's entry shows once its tag is expanded.
        const menu = current.locator('[data-component-name="Menu/Menu"]');
        const entry = menu
          .getByRole("link")
          .filter({ has: current.getByText(summary, { exact: true }) })
          .first();
        if (!(await entry.isVisible()) && op.tagLabel) {
          // A heading in the API description can share the tag's label ("Authentication"): try each.
          for (const tagEntry of await menu.getByRole("link", { name: op.tagLabel, exact: true }).all()) {
            await tagEntry.click();
            if (await shows(entry)) break;
          }
        }
        expect(await shows(entry), `no sidebar entry "${summary}" under "${op.tagLabel}"`).toBe(true);
        await entry.click();
        // A heading's accessible name also holds its "link to …" anchor: match its text instead. Redocly puts a
        // "deprecated" badge inside the heading of a deprecated operation (folk's reminders).
        const main = current.getByRole("main");
        const text = new RegExp(`^${summary.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(\\s*[Dd]eprecated)?$`);
        const heading = main.getByRole("heading").and(main.getByText(text));
        await heading.first().waitFor({ state: "visible" });
        await expect.poll(() => anyInViewport(heading), { message: `"${summary}" scrolled into view` }).toBe(true);
      });
    }

    it("logs no console error and requests nothing that fails or leaves the docs server", () => {
      expect(problems).toEqual([]);
    });
  });
}
