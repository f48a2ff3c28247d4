/**
 * Handlers are typed from generated/: a reply outside the spec fails `npm run typecheck` (each
 * `@ts-expect-error` below must stay an error), and the replies that are inside it compile.
 */
import { describe, expect, it } from "vitest";
import type { operations } from "../../generated/featurebase.js";
import type { FeaturebaseStore } from "../../src/sandbox/featurebase/store.js";
import type { OperationHandler, OperationHandlers } from "../../src/sandbox/types.js";

type Handler<Id extends keyof operations> = OperationHandler<operations[Id], FeaturebaseStore>;
const notFound = { error: { type: "invalid_request_error", code: "resource_not_found", message: "x", status: 404 } } as const;

describe("sandbox handler types", () => {
  it("accept a documented status with its schema's body, and nothing else", () => {
    const documented: Handler<"getCompany"> = () => ({ status: 404, body: notFound });
    // @ts-expect-error listCompanies documents no 404
    const undocumentedStatus: Handler<"listCompanies"> = () => ({ status: 404, body: notFound });
    // @ts-expect-error a company needs companyId and name
    const wrongBody: Handler<"getCompany"> = () => ({ status: 200, body: { object: "company", id: "507f1f77bcf86cd799439011" } });
    const deleted = { id: "507f1f77bcf86cd799439011", object: "company", deleted: true } as const;
    // @ts-expect-error the 200 of deleteContact confirms a contact, not a company
    const wrongConst: Handler<"deleteContact"> = () => ({ status: 200, body: deleted });
    expect([documented, undocumentedStatus, wrongBody, wrongConst].every((h) => typeof h === "function")).toBe(true);
  });

  it("type the request from the operation: path, query and body", () => {
    const handler: Handler<"attachContact"> = ({ path, body }) => {
      const ids: [string, string] = [path.id, body.contactId];
      // @ts-expect-error attachContact has no query parameter named limit
      void path.limit;
      return { status: 404, body: { ...notFound, error: { ...notFound.error, message: ids.join(" ") } } };
    };
    expect(typeof handler).toBe("function");
  });

  it("require a handler for every operation", () => {
    // @ts-expect-error upsertCompany and every other operation are missing
    const partial: OperationHandlers<operations, FeaturebaseStore> = { getCompany: () => ({ status: 404, body: notFound }) };
    expect(Object.keys(partial)).toEqual(["getCompany"]);
  });
});
