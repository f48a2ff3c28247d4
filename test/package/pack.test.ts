/**
 * The published package, as an app gets it: the tarball the e2e setup packed (test/package/setup/packed.ts)
 * installed into scratch apps outside the repository. What the install brings and prints, an ES module app
 * type-checked under the strictest settings and run against the mocks and an in-process sandbox, and a
 * CommonJS app (plain require, and TypeScript with module nodenext).
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { loadApis, repoRoot } from "../../scripts/lib/api-registry.js";
import { type RunningPrism, startPrism } from "../../scripts/lib/prism.js";
import { createScratchApp, type ScratchApp, strictCompilerOptions } from "./scratch-app.js";

const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
const appSource = `
import { unwrap, NotFoundError } from "crm-kit";
import { createFeaturebaseClient } from "crm-kit/featurebase";
import { createFolkClient } from "crm-kit/folk";
import { createEmnifyClient } from "crm-kit/emnify";
import { createKareClient } from "crm-kit/kare";
import { createSandbox } from "crm-kit/sandbox";
import { bearerAuth } from "crm-kit/vendor-kit";

declare const process: { argv: string[] };
const urls = JSON.parse(process.argv[2] ?? "{}") as Record<string, string>;
const url = (api: string): string => {
  const found = urls[api];
  if (!found) throw new Error("no mock URL for " + api);
  return found;
};

const featurebase = createFeaturebaseClient({ apiKey: "sk_pack_key", baseUrl: url("featurebase") });
const folk = createFolkClient({ apiKey: "folk_pack", baseUrl: url("folk") });
const emnify = createEmnifyClient({ applicationToken: "app_pack", baseUrl: url("emnify") });
const kare = createKareClient({ token: "org_pack", sessionToken: "session_pack", baseUrl: url("kare") });

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

describe("the packed package in an ES module app", () => {
  let app: ScratchApp;
  let install: { stdout: string; stderr: string };
  const mocks: RunningPrism[] = [];
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    const starting = loadApis().map(async (api) => {
      const mock = await startPrism({ name: api.name, spec: api.root });
      mocks.push(mock);
      urls[api.name] = mock.url;
    });
    let failedStart: PromiseRejectedResult | undefined;
    try {
      app = createScratchApp({ type: "module" });
      app.write("tsconfig.json", JSON.stringify({ compilerOptions: { ...strictCompilerOptions, outDir: "out" }, files: ["app.ts"] }));
      app.write("app.ts", appSource);
      install = await app.run("npm", ["install", "--engine-strict", "--no-audit", "--no-fund", inject("tarball")]);
    } finally {
      // Every mock that starts is in `mocks` before afterAll runs, even when the install failed.
      failedStart = (await Promise.allSettled(starting)).find((r): r is PromiseRejectedResult => r.status === "rejected");
    }
    if (failedStart) throw failedStart.reason;
  }, 300_000);

  afterAll(async () => {
    await Promise.all(mocks.map((m) => m.stop()));
    app?.remove();
  }, 30_000);

  it("installs with --engine-strict and prints no warning", () => {
    const lines = `${install.stdout}\n${install.stderr}`.split("\n").filter((line) => /warn|deprecat|EBADENGINE/i.test(line));
    expect(lines).toEqual([]);
  });

  it("brings only crm-kit, openapi-fetch and openapi-typescript-helpers", async () => {
    const { stdout } = await app.run("npm", ["ls", "--omit=dev", "--all", "--json"]);
    const names = new Set<string>();
    // An optional peer that is not installed (standardwebhooks) is listed without a version: it is not a package here.
    const walk = (deps: Record<string, { version?: string; dependencies?: Record<string, unknown> }> | undefined) => {
      for (const [name, dep] of Object.entries(deps ?? {})) {
        if (dep.version === undefined) continue;
        names.add(name);
        walk(dep.dependencies as never);
      }
    };
    walk((JSON.parse(stdout) as { dependencies?: never }).dependencies);
    expect([...names].sort()).toEqual(["crm-kit", "openapi-fetch", "openapi-typescript-helpers"]);
  });

  it("asks for no Node version that engines does not admit (every installed package runs on Node 20.19)", () => {
    const own = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as { engines: { node: string } };
    expect(own.engines.node).toBe(">=20.19.0");
    for (const name of ["crm-kit", "openapi-fetch", "openapi-typescript-helpers"]) {
      const manifest = JSON.parse(readFileSync(join(app.dir, "node_modules", name, "package.json"), "utf8")) as {
        engines?: { node?: string };
      };
      const minimum = /^>=\s*(\d+)\.?(\d+)?/
        .exec(manifest.engines?.node ?? ">=0")
        ?.slice(1)
        .map((n) => Number(n ?? 0)) ?? [Number.NaN];
      expect(`${name}: ${manifest.engines?.node ?? "any"}`).toSatisfy(
        () => (minimum[0] ?? 0) < 20 || ((minimum[0] ?? 0) === 20 && (minimum[1] ?? 0) <= 19),
      );
    }
  });

  it("type-checks an app that imports every entry point, under strict and exactOptionalPropertyTypes", async () => {
    await expect(app.run(process.execPath, [tsc, "-p", "tsconfig.json"])).resolves.toBeDefined();
  }, 120_000);

  it("runs that app against the mocks, one operation per vendor, and against an in-process sandbox", async () => {
    const { stdout } = await app.run(process.execPath, ["out/app.js", JSON.stringify(urls)]);
    const result = JSON.parse(stdout.trim()) as Record<string, unknown>;
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

  it("imports crm-kit/folk without the optional peer standardwebhooks; only verifying names the package to install", async () => {
    app.write(
      "no-peer.mjs",
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
    expect(existsSync(join(app.dir, "node_modules", "standardwebhooks"))).toBe(false);
    const { stdout } = await app.run(process.execPath, ["no-peer.mjs"]);
    expect(stdout).toMatch(/npm install standardwebhooks/);
  }, 60_000);

  it("fails to import crm-kit/redis without its optional peer ioredis with an error naming the package to install", async () => {
    app.write("no-redis-peer.mjs", 'import("crm-kit/redis").then(() => console.log("loaded"), (error) => console.log(error.message));\n');
    expect(existsSync(join(app.dir, "node_modules", "ioredis"))).toBe(false);
    const { stdout } = await app.run(process.execPath, ["no-redis-peer.mjs"]);
    expect(stdout.trim()).toBe("crm-kit/redis needs the Redis client ioredis, an optional peer dependency: npm install ioredis");
  }, 60_000);

  it("ships the built entry points, the bundled sandbox code with its licences, the command and the specs, not the tests", async () => {
    const { stdout: listing } = await app.run("tar", ["-tzf", inject("tarball")]);
    for (const vendor of ["core", "featurebase", "folk", "emnify", "kare", "sandbox", "redis"]) {
      expect(listing).toContain(`package/dist/src/${vendor}/index.js`);
      expect(listing).toContain(`package/dist/src/${vendor}/index.d.ts`);
    }
    expect(listing).toContain("package/dist/src/core/vendor-kit.js");
    expect(listing).toContain("package/dist/src/sandbox/third-party.js.LICENSES.txt");
    expect(listing).toContain("package/dist/src/redis/third-party.js.LICENSES.txt");
    expect(listing).toContain("package/dist/src/cli/crm-kit.js");
    expect(listing).toContain("package/specs/folk/openapi.yaml");
    expect(listing).toContain("package/CHANGELOG.md");
    expect(listing).not.toMatch(/contract-tests|package\/test\/|package\/scripts\//);
  }, 30_000);
});

/** A CommonJS module: every entry required, a typed error crossing from require() to import(). */
const cjsSource = `
const core = require("crm-kit");
const { createFolkClient } = require("crm-kit/folk");
const { createSandbox } = require("crm-kit/sandbox");
for (const entry of ["crm-kit/featurebase", "crm-kit/emnify", "crm-kit/kare", "crm-kit/vendor-kit"]) require(entry);
const folk = createFolkClient({ apiKey: "folk_cjs", fetch: createSandbox("folk").fetch });
folk.GET("/v1/people/{personId}", { params: { path: { personId: "per_00000000-0000-4000-8000-000000000000" } } })
  .then((result) => core.unwrap(Promise.resolve(result)))
  .catch(async (error) => {
    const esm = await import("crm-kit");
    console.log(JSON.stringify({ required: error instanceof core.ApiError, imported: error instanceof esm.NotFoundError, same: esm.ApiError === core.ApiError }));
  });
`;

/** The same from TypeScript compiled to CommonJS (a .cts file, module nodenext). */
const ctsSource = `
import { ApiError, unwrap } from "crm-kit";
import { createFolkClient } from "crm-kit/folk";
import { createSandbox } from "crm-kit/sandbox";
import type { SandboxApi } from "crm-kit/sandbox";

const api: SandboxApi = "folk";
const folk = createFolkClient({ apiKey: "folk_cts", fetch: createSandbox(api).fetch });
unwrap(folk.GET("/v1/groups")).then(
  (groups) => console.log(JSON.stringify({ groups: groups.data.items.length, apiError: typeof ApiError })),
  (error: unknown) => console.error(error),
);
`;

describe("the packed package in a CommonJS app", () => {
  let app: ScratchApp;

  beforeAll(async () => {
    app = createScratchApp({});
    app.write("app.cjs", cjsSource);
    app.write("app.cts", ctsSource);
    app.write("tsconfig.json", JSON.stringify({ compilerOptions: { ...strictCompilerOptions, outDir: "out" }, files: ["app.cts"] }));
    await app.run("npm", ["install", "--engine-strict", "--no-audit", "--no-fund", inject("tarball")]);
  }, 300_000);

  afterAll(() => app?.remove());

  it("require() loads every entry, and an error thrown through require() is an instance of the imported classes", async () => {
    const { stdout } = await app.run(process.execPath, ["app.cjs"]);
    expect(JSON.parse(stdout.trim())).toEqual({ required: true, imported: true, same: true });
  }, 60_000);

  it("type-checks and runs a TypeScript CommonJS module compiled with module nodenext", async () => {
    await app.run(process.execPath, [tsc, "-p", "tsconfig.json"]);
    const { stdout } = await app.run(process.execPath, ["out/app.cjs"]);
    expect(JSON.parse(stdout.trim())).toEqual({ groups: expect.any(Number), apiError: "function" });
    expect((JSON.parse(stdout.trim()) as { groups: number }).groups).toBeGreaterThan(0);
  }, 120_000);
});
