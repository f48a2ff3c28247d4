import { afterAll, beforeAll, expect, it, vi } from "vitest";

// An app that did not install the optional peer dependency: `import("standardwebhooks")` fails. The unit
// project shares modules between files, so the mock is set and removed around fresh module copies.
beforeAll(() => {
  vi.resetModules();
  vi.doMock("standardwebhooks", () => {
    throw new Error("Cannot find package 'standardwebhooks'");
  });
});

afterAll(() => {
  vi.doUnmock("standardwebhooks");
  vi.resetModules();
});

it("crm-kit/folk imports without standardwebhooks; only verifying names the package to install", async () => {
  const folk = await import("../../src/folk/index.js");
  expect(typeof folk.createFolkClient).toBe("function");
  const seconds = Math.floor(Date.now() / 1000);
  const delivery = {
    headers: { "webhook-id": "evt_1", "webhook-timestamp": String(seconds), "webhook-signature": "v1,AAAA" },
    body: "{}",
  };
  const error = await folk.verifyFolkWebhook(delivery, "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw").then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(Error);
  expect(error).not.toBeInstanceOf(folk.WebhookVerificationError);
  expect((error as Error).message).toMatch(/npm install standardwebhooks/);
});
