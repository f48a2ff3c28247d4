/** A Kare client pointed at the mock, and one valid call per operation. */
import { createKareClient, type KareClientOptions } from "../../src/kare/index.js";
import type { ContractCall } from "../support/contract-suite.js";
import { mockSpec, mockUrl } from "../support/mocks.js";

/** IDs from Kare's documentation examples. */
export const COMPANY_ID = 42;
export const CONTACT_ID = 1234;
/** The session token example of Kare's create-contacts page, which is also what the mock's login answers. */
export const SESSION_TOKEN =
  "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJ1c2VySWQiOiIxMjM0NTY3ODkwIiwic2Vzc2lvbklkIjoiYWJjZGVmMTIzNDU2IiwiaWF0IjoxNjA1MDk3ODk5LCJleHAiOjE2MDUxODQyOTl9.4XRQ1iXDyvEj5LgPZHbmTmzOZs98M3YPOzgf3MhxjaI";
export const TOKEN = "org_contract_token";

export const spec = mockSpec("kare");

type Common = Omit<KareClientOptions, "token" | "sessionToken" | "email" | "password">;

/** Ready tokens and no retries: a documented 401, 429 or 500 must reach the test as it was served. */
export function kare(options: Common = {}) {
  return createKareClient({ token: TOKEN, sessionToken: SESSION_TOKEN, baseUrl: mockUrl("kare"), maxRetries: 0, ...options });
}

/** Credentials: the client logs in on the mock before its first call. */
export function kareWithLogin(options: Common = {}) {
  return createKareClient({
    token: TOKEN,
    email: "user@example.com",
    password: "s3cret-passw0rd",
    baseUrl: mockUrl("kare"),
    maxRetries: 0,
    ...options,
  });
}

const company = { path: { companyId: COMPANY_ID } };
const contact = { path: { companyId: COMPANY_ID, contactId: CONTACT_ID } };

/**
 * One valid call per operation. `client` makes the client of the calls after login: ready tokens for the mock
 * (which accepts any session), or `kareWithLogin` for the sandbox (which accepts only sessions it issued).
 */
export function callsWith(options: Common = {}, client: (options: Common) => ReturnType<typeof kare> = kare): Record<string, ContractCall> {
  return {
    login: (headers) =>
      kare(options).POST("/auth/v1/rs/login/credentials", { body: { email: "user@example.com", password: "s3cret-passw0rd" }, headers }),
    listCompanies: (headers) => client(options).GET("/companies/v2/rs", { params: { query: { page: 1, pageSize: 50 } }, headers }),
    getCompany: (headers) => client(options).GET("/companies/v2/rs/{companyId}", { params: company, headers }),
    createCompany: (headers) =>
      client(options).POST("/companies/v2/rs", { body: { name: "Company Name", type: 1, email: "contact@example.com" }, headers }),
    listContacts: (headers) =>
      client(options).GET("/companies/v2/rs/{companyId}/contacts", { params: { ...company, query: { extend: ["company"] } }, headers }),
    createContacts: (headers) =>
      client(options).POST("/companies/v2/rs/{companyId}/contacts", {
        params: company,
        body: [{ name: "Company Contact Name", notify: true }],
        headers,
      }),
    updateContact: (headers) =>
      client(options).PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", { params: contact, body: { notify: false }, headers }),
  };
}

export const calls = callsWith();
