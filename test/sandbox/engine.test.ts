import { describe, expect, it } from "vitest";
import { handleRequest, type Interceptor, SandboxContractError } from "../../src/sandbox/engine.js";
import { featurebaseSandbox } from "../../src/sandbox/featurebase/index.js";
import type { AnyReply, VendorSandbox } from "../../src/sandbox/types.js";

const headers = { authorization: "Bearer sk_test" };

/** Featurebase's sandbox with its getCompany handler replaced. */
function withGetCompany(reply: AnyReply): VendorSandbox {
  return { ...featurebaseSandbox, handlers: { ...featurebaseSandbox.handlers, getCompany: () => reply } };
}

function getCompany(vendor: VendorSandbox, options = { validateResponses: true }, interceptors: Interceptor[] = []) {
  const store = vendor.createStore({ now: () => Date.now(), options: {} });
  vendor.seed(store);
  const request = new Request("http://sandbox.invalid/v2/companies/507f1f77bcf86cd799439011", { headers });
  return handleRequest(vendor, store, request, interceptors, options);
}

describe("the sandbox engine", () => {
  it("rejects a reply whose body breaks the spec, naming the operation and the field", async () => {
    const broken = withGetCompany({ status: 200, body: { object: "company", id: "not-an-object-id", companyId: "c", name: "n" } });
    await expect(getCompany(broken)).rejects.toThrow(SandboxContractError);
    await expect(getCompany(broken)).rejects.toThrow(/getCompany answered 200 outside the spec: \/id must match pattern/);
  });

  it("rejects a reply with a status the operation does not document", async () => {
    const undocumented = withGetCompany({ status: 409, body: { error: "conflict" } });
    await expect(getCompany(undocumented)).rejects.toThrow(/getCompany answered 409 outside the spec/);
  });

  it("passes a reply through unchecked when validateResponses is off", async () => {
    const response = await getCompany(withGetCompany({ status: 409, body: { error: "conflict" } }), { validateResponses: false });
    expect(response.status).toBe(409);
  });

  it("lets an interceptor answer a routed call before validation and the handler", async () => {
    const seen: string[] = [];
    const interceptor: Interceptor = (call) => {
      seen.push(`${call.operationId} ${call.pathTemplate}`);
      return { reply: { status: 503, body: { injected: true } } };
    };
    const response = await getCompany(featurebaseSandbox, { validateResponses: true }, [interceptor]);
    expect(response.status).toBe(503);
    expect(await response.json()).toEqual({ injected: true });
    expect(seen).toEqual(["getCompany /v2/companies/{id}"]);
  });
});
