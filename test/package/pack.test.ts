/**
 * The published package, as an app gets it: build, `npm pack`, install the tarball into a scratch app
 * outside the repository, type-check a file that imports each vendor's client and calls one operation,
 * and run it against the mocks.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";

const app = `
import { unwrap, NotFoundError } from "crm-kit";
import { createFeaturebaseClient } from "crm-kit/featurebase";
import { createFolkClient } from "crm-kit/folk";
import { createEmnifyClient } from "crm-kit/emnify";
import { createKareClient } from "crm-kit/kare";
import { createSandbox } from "crm-kit/sandbox";
import { bearerAuth } from "crm-kit/vendor-kit";

declare const process: { argv: string[] };
const urls = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;

const featurebase = createFeaturebaseClient({ apiKey: "sk_pack_key", baseUrl: urls.featurebase });
const folk = createFolkClient({ apiKey: "folk_pack", baseUrl: urls.folk });
const emnify = createEmnifyClient({ applicationToken: "app_pack", baseUrl: urls.emnify });
const kare = createKareClient({ token: "org_pack", sessionToken: "session_pack", baseUrl: urls.kare });

const company = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path: { id: "507f1f77bcf86cd799439011" } } }));
const name: string = company.name;
const groups = await unwrap(folk.GET("/v1/groups"));
const contacts = await unwrap(emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: 1234 } } }));
const kareCompanies = await unwrap(kare.GET("/companies/v2/rs"));
const sandbox = createSandbox("featurebase", { seed: false });
const onSandbox = createFeaturebaseClient({ apiKey: "sk_test_sandbox", fetch: sandbox.fetch });
const upserted = await unwrap(onSandbox.POST("/v2/companies", { body: { companyId: "pack-1", name: "Packed" } }));
const stored = await unwrap(onSandbox.GET("/v2/companies/{id}", { params: { path: { id: upserted.id } } }));
const vendorKitAuth = typeof bearerAuth("sk_pack_key").authorize;
const missing = await unwrap(featurebase.GET("/v2/companies/{id}", { params: { path: { id: "507f1f77bcf86cd799439011" } }, headers: { Prefer: "code=404" } })).catch((e: unknown) => e);
console.log(JSON.stringify({ name, groups: groups.data.items.length, contacts: contacts.length, kare: kareCompanies.data.length, notFound: missing instanceof NotFoundError, sandbox: stored.name, vendorKitAuth }));
`;

describe("npm pack", () => {
  const work = mkdtempSync(join(tmpdir(), "crm-kit-pack-"));
  const mocks: RunningPrism[] = [];
  const urls: Record<string, string> = {};
  const run = (cmd: string, args: string[], cwd: string) =>
    execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });

  beforeAll(async () => {
    const starting = loadApis().map(async (api) => {
      const mock = await startPrism({ name: api.name, spec: api.root });
      mocks.push(mock);
      urls[api.name] = mock.url;
    });
    let failedStart: PromiseRejectedResult | undefined;
    try {
      run("npm", ["run", "-s", "build"], repoRoot);
      run("npm", ["pack", "--silent", "--pack-destination", work], repoRoot);
      const tarball = readdirSync(work).find((f) => f.endsWith(".tgz"));
      if (!tarball) throw new Error(`npm pack wrote no tarball into ${work}`);
      const dir = join(work, "app");
      mkdirSync(dir);
      writeFileSync(join(dir, "package.json"), JSON.stringify({ name: "scratch-app", private: true, type: "module" }));
      writeFileSync(
        join(dir, "tsconfig.json"),
        JSON.stringify({
          compilerOptions: {
            target: "ES2022",
            module: "NodeNext",
            moduleResolution: "NodeNext",
            strict: true,
            lib: ["ES2023", "DOM"],
            outDir: "out",
            skipLibCheck: false,
          },
          files: ["app.ts"],
        }),
      );
      writeFileSync(join(dir, "app.ts"), app);
      run("npm", ["install", "--prefer-offline", "--no-audit", "--no-fund", "--silent", join(work, tarball)], dir);
    } finally {
      // Every mock that starts is in `mocks` before afterAll runs, even when packing failed.
      failedStart = (await Promise.allSettled(starting)).find((r): r is PromiseRejectedResult => r.status === "rejected");
    }
    if (failedStart) throw failedStart.reason;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(mocks.map((m) => m.stop()));
    rmSync(work, { recursive: true, force: true });
  }, 30_000);

  it("type-checks an app that imports every vendor entry point and the sandbox", () => {
    const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    expect(() => run(process.execPath, [tsc, "-p", "tsconfig.json"], join(work, "app"))).not.toThrow();
  }, 120_000);

  it("runs that app against the mocks, one operation per vendor, and against an in-process sandbox", () => {
    const out = run(process.execPath, ["out/app.js", JSON.stringify(urls)], join(work, "app"));
    const result = JSON.parse(out.trim()) as Record<string, unknown>;
    expect(result).toEqual({
      name: "Acme Inc",
      groups: expect.any(Number),
      contacts: expect.any(Number),
      kare: expect.any(Number),
      notFound: true,
      sandbox: "Packed",
      vendorKitAuth: "function",
    });
    expect(result.groups).toBeGreaterThan(0);
    expect(result.contacts).toBeGreaterThan(0);
  }, 60_000);

  it("imports crm-kit/folk without the optional peer standardwebhooks; only verifying names the package to install", () => {
    const app = join(work, "app");
    writeFileSync(
      join(app, "no-peer.mjs"),
      [
        'import { verifyFolkWebhook } from "crm-kit/folk";',
        "const timestamp = String(Math.floor(Date.now() / 1000));",
        'const headers = { "webhook-id": "evt_1", "webhook-timestamp": timestamp, "webhook-signature": "v1,AAAA" };',
        'verifyFolkWebhook({ headers, body: "{}" }, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").then(',
        '  () => console.log("verified"),',
        "  (error) => console.log(error.message),",
        ");",
      ].join("\n"),
    );
    expect(existsSync(join(app, "node_modules", "standardwebhooks"))).toBe(false);
    expect(run(process.execPath, ["no-peer.mjs"], app)).toMatch(/npm install standardwebhooks/);
  }, 60_000);

  it("ships the built entry points and specs, not the tests", () => {
    const listing = run("tar", ["-tzf", join(work, readdirSync(work).find((f) => f.endsWith(".tgz")) as string)], work);
    for (const vendor of ["core", "featurebase", "folk", "emnify", "kare", "sandbox"]) {
      expect(listing).toContain(`package/dist/src/${vendor}/index.js`);
      expect(listing).toContain(`package/dist/src/${vendor}/index.d.ts`);
    }
    expect(listing).toContain("package/dist/src/core/vendor-kit.js");
    expect(listing).toContain("package/specs/folk/openapi.yaml");
    expect(listing).not.toMatch(/contract-tests|package\/test\//);
  }, 30_000);
});
