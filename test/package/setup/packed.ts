/**
 * Global setup of the e2e project: builds the package and packs it once, as `npm publish` would, and hands
 * the tarball's path to the tests that install it (`inject("tarball")`). The folder goes when the run ends.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { repoRoot } from "../../../scripts/lib/api-registry.js";

declare module "vitest" {
  export interface ProvidedContext {
    /** Absolute path of the packed crm-kit tarball. */
    tarball: string;
  }
}

export default function setup(project: TestProject): () => void {
  const work = mkdtempSync(join(tmpdir(), "crm-kit-packed-"));
  const run = (args: string[]) => execFileSync("npm", args, { cwd: repoRoot, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    run(["run", "-s", "build"]);
    run(["pack", "--silent", "--pack-destination", work]);
  } catch (error) {
    rmSync(work, { recursive: true, force: true });
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`building and packing crm-kit failed:\n${stdout}${stderr}`);
  }
  const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
  if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
  project.provide("tarball", join(work, tarball));
  return () => rmSync(work, { recursive: true, force: true });
}
