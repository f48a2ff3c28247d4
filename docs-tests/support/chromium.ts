/**
 * Debian's Chromium driven by playwright-core (which never downloads a browser of its own), and a
 * watcher that records what a reader's console would show: errors, failed requests, and any request
 * that leaves the local docs server.
 */
import { existsSync } from "node:fs";
import { type Browser, chromium, type Page } from "playwright-core";

export const chromiumPath = "/usr/bin/chromium";

/**
 * Launches headless Chromium. playwright-core gives every launch a fresh, temporary --user-data-dir
 * and removes it on close (it refuses a --user-data-dir argument). The networking flags keep
 * Chromium from calling Google's services, which this machine's closed network refuses.
 */
export async function launchChromium(): Promise<Browser> {
  if (!existsSync(chromiumPath)) {
    throw new Error(
      `${chromiumPath} not found: install Debian's Chromium with \`apt-get install -y chromium\` (.ci/run does this when it is missing).`,
    );
  }
  return chromium.launch({
    executablePath: chromiumPath,
    headless: true,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}

/**
 * Records console errors, uncaught exceptions, failed or erroring requests, and requests to any
 * origin other than `allowedOrigin` (those are aborted, so the page is tested as if offline).
 * Returns the live list of problems, one readable line each.
 */
export async function watchPage(page: Page, allowedOrigin: string): Promise<string[]> {
  const problems: string[] = [];
  await page.route("**/*", async (route) => {
    const url = route.request().url();
    if (new URL(url).origin === allowedOrigin) return route.continue();
    problems.push(`request outside the docs server (the page needs the network): ${url}`);
    return route.abort("blockedbyclient");
  });
  page.on("console", (message) => {
    if (message.type() !== "error") return;
    const { url, lineNumber } = message.location();
    problems.push(`console error: ${message.text()}${url ? ` (${url}:${lineNumber})` : ""}`);
  });
  page.on("pageerror", (error) => problems.push(`uncaught exception: ${error.stack ?? error.message}`));
  page.on("requestfailed", (request) => {
    if (new URL(request.url()).origin !== allowedOrigin) return; // already recorded by the route above
    problems.push(`request failed: ${request.method()} ${request.url()}: ${request.failure()?.errorText ?? "unknown error"}`);
  });
  page.on("response", (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()} for ${response.request().method()} ${response.url()}`);
  });
  return problems;
}
