/**
 * The specs' webhook events against their schemas: every example the spec gives validates, and what the
 * sandboxes deliver validates too, so the payloads a handler is tested with are the ones the spec describes.
 */
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import featurebaseDocument from "../../generated/featurebase.openapi.js";
import folkDocument from "../../generated/folk.openapi.js";
import { createSandbox } from "../../src/sandbox/index.js";

type Document = { readonly [key: string]: unknown };
interface WebhookOperation {
  requestBody: { content: { "application/json": { schema: unknown; example?: unknown } } };
}

function validatorOf(document: Document) {
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  addFormats.default(ajv);
  ajv.addSchema({ ...(document as object), $id: "spec" });
  return (schema: unknown, value: unknown) => {
    const validate = ajv.compile({ $ref: "spec#/components/schemas/WebhookEvent", ...(schema ? { allOf: [schema] } : {}) });
    const valid = validate(value);
    return valid ? [] : (validate.errors ?? []).map((error) => `${error.instancePath} ${error.message}`);
  };
}

/** The spec's schema of one webhook, with its $refs resolved against the document. */
const bodySchemaOf = (operation: WebhookOperation) => {
  const { $ref } = operation.requestBody.content["application/json"].schema as { $ref: string };
  return { $ref: `spec${$ref}` };
};

describe.each([
  ["folk", folkDocument, 19],
  ["featurebase", featurebaseDocument, 24],
] as const)("%s webhooks in the spec", (_api, document, count) => {
  const webhooks = Object.entries(document.webhooks as Record<string, { post: WebhookOperation }>);
  const validate = validatorOf(document);

  it(`describes ${count} events, each with an example`, () => {
    expect(webhooks).toHaveLength(count);
    for (const [name, { post }] of webhooks)
      expect([name, post.requestBody.content["application/json"].example]).toEqual([name, expect.anything()]);
  });

  it.each(webhooks)("%s: its example validates against its schema and the event union", (name, { post }) => {
    const example = post.requestBody.content["application/json"].example as { type?: string; topic?: string };
    expect(example.type ?? example.topic).toBe(name);
    expect(validate(bodySchemaOf(post), example)).toEqual([]);
  });

  it("refuses an event whose type is not one of the vendor's", () => {
    const [, first] = webhooks[0] as [string, { post: WebhookOperation }];
    const example = { ...(first.post.requestBody.content["application/json"].example as object), type: "x.y", topic: "x.y" };
    expect(validate(undefined, example)).not.toEqual([]);
  });
});

describe("what the sandboxes deliver", { timeout: 60_000 }, () => {
  it("folk's events validate against folk's WebhookEvent schema", async () => {
    const sandbox = createSandbox("folk", { webhookHandler: () => new Response(null, { status: 200 }) });
    const call = (method: string, path: string, body?: unknown) =>
      sandbox.fetch(path, {
        method,
        headers: { authorization: "Bearer folk_test", "content-type": "application/json" },
        body: JSON.stringify(body),
      });
    await call("POST", "/v1/webhooks", {
      name: "all",
      targetUrl: "http://localhost:9/hook",
      subscribedEvents: ["person.created", "person.updated", "person.groups_updated", "person.deleted", "company.created"].map(
        (eventType) => ({ eventType }),
      ),
    });
    const person = (await (await call("POST", "/v1/people", { firstName: "Ada", emails: ["ada@example.com"] })).json()) as {
      data: { id: string };
    };
    await call("PATCH", `/v1/people/${person.data.id}`, {
      emails: ["ada@example.org"],
      groups: [{ id: "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2" }],
    });
    await call("DELETE", `/v1/people/${person.data.id}`);
    await sandbox.deliveriesSettled();
    const validate = validatorOf(folkDocument);
    const types = sandbox.deliveries.map((delivery) => delivery.type);
    expect(types).toEqual(expect.arrayContaining(["person.created", "person.groups_updated", "person.updated", "person.deleted"]));
    for (const delivery of sandbox.deliveries)
      expect([delivery.type, validate(undefined, JSON.parse(delivery.body))]).toEqual([delivery.type, []]);
  });

  it("Featurebase's events validate against its WebhookEvent schema", async () => {
    const sandbox = createSandbox("featurebase", {
      webhooks: [{ url: "http://localhost:9/hook", topics: ["post.voted"], secret: "whsec_test" }],
      webhookHandler: () => new Response(null, { status: 200 }),
    });
    sandbox.sendWebhookEvent("post.voted", { item: { object: "post_vote", action: "add", postId: "6755c4afb12a37dffa6319b0" } });
    await sandbox.deliveriesSettled();
    expect(validatorOf(featurebaseDocument)(undefined, JSON.parse(sandbox.deliveries[0]?.body ?? "{}"))).toEqual([]);
  });
});
