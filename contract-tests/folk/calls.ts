/** A folk client pointed at the mock, and one valid call per operation. */
import { loadApis } from "../../scripts/lib/api-registry.js";
import { loadSpec } from "../../scripts/lib/spec-operations.js";
import { createFolkClient, type FolkClientOptions } from "../../src/folk/index.js";
import type { ContractCall } from "../support/contract-suite.js";
import { mockUrl } from "../support/mocks.js";

/** IDs from folk's documentation examples: a prefix and a UUID, 40 characters. */
export const COMPANY_ID = "com_183ed5cc-3182-45de-84d1-d520f2604810";
export const PERSON_ID = "per_183ed5cc-3182-45de-84d1-d520f2604810";
export const GROUP_ID = "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2";
/** The second group of the seed page, which holds the numeric "ARR" field. */
export const SALES_GROUP_ID = "grp_acdf2ad9-6a66-4d32-8594-9694913ac717";

export const spec = await loadSpec(loadApis().find((a) => a.name === "folk")?.root ?? "");

/** No retries: a documented 429, 500 or 503 must reach the test as it was served. */
export function folk(options: Partial<FolkClientOptions> = {}) {
  return createFolkClient({ apiKey: "folk_contract_test", baseUrl: mockUrl("folk"), maxRetries: 0, ...options });
}

const company = { path: { companyId: COMPANY_ID } };
const person = { path: { personId: PERSON_ID } };

/** One valid call per operation, on a client with these options (a sandbox's `fetch`, for instance). */
export function callsWith(options: Partial<FolkClientOptions> = {}): Record<string, ContractCall> {
  return {
    listCompanies: (headers) => folk(options).GET("/v1/companies", { params: { query: { limit: 10 } }, headers }),
    createCompany: (headers) => folk(options).POST("/v1/companies", { body: { name: "Tech Corp" }, headers }),
    searchCompanies: (headers) => folk(options).POST("/v1/companies/search", { body: { filter: { name: { like: "acme" } } }, headers }),
    getCompany: (headers) => folk(options).GET("/v1/companies/{companyId}", { params: company, headers }),
    deleteCompany: (headers) => folk(options).DELETE("/v1/companies/{companyId}", { params: company, headers }),
    updateCompany: (headers) =>
      folk(options).PATCH("/v1/companies/{companyId}", { params: company, body: { industry: "Technology" }, headers }),
    listPeople: (headers) => folk(options).GET("/v1/people", { params: { query: { limit: 10 } }, headers }),
    createPerson: (headers) => folk(options).POST("/v1/people", { body: { fullName: "John Doe" }, headers }),
    searchPeople: (headers) => folk(options).POST("/v1/people/search", { body: {}, headers }),
    getPerson: (headers) => folk(options).GET("/v1/people/{personId}", { params: person, headers }),
    deletePerson: (headers) => folk(options).DELETE("/v1/people/{personId}", { params: person, headers }),
    updatePerson: (headers) => folk(options).PATCH("/v1/people/{personId}", { params: person, body: { jobTitle: "CTO" }, headers }),
    listGroups: (headers) => folk(options).GET("/v1/groups", { headers }),
  };
}

export const calls = callsWith();
