/** A folk client pointed at the mock, and one valid call per operation. */
import { createFolkClient, type FolkClientOptions } from "../../src/folk/index.js";
import type { ContractCall } from "../support/contract-suite.js";
import { mockSpec, mockUrl } from "../support/mocks.js";

/** IDs from folk's documentation examples: a prefix and a UUID, 40 characters. */
export const COMPANY_ID = "com_183ed5cc-3182-45de-84d1-d520f2604810";
export const PERSON_ID = "per_183ed5cc-3182-45de-84d1-d520f2604810";
export const GROUP_ID = "grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2";
/** The second group of the seed page, which holds the numeric "ARR" field. */
export const SALES_GROUP_ID = "grp_acdf2ad9-6a66-4d32-8594-9694913ac717";
export const USER_ID = "usr_bc984b3f-0386-434d-82d7-a91eb6badd71";
export const NOTE_ID = "nte_91118b73-5a75-480b-b8e3-a33671c35cdc";
export const REMINDER_ID = "rmd_91118b73-5a75-480b-b8e3-a33671c35cdc";
export const WEBHOOK_ID = "wbk_8c18c158-d49e-4ad4-90d4-2b197688bac7";
export const DEAL_ID = "obj_183ed5cc-3182-45de-84d1-d520f2604810";
/** The object type of the deals in folk's examples: the name of the group's object field. */
export const DEALS = "Deals";

export const spec = mockSpec("folk");

/** No retries: a documented 429, 500 or 503 must reach the test as it was served. */
export function folk(options: Partial<FolkClientOptions> = {}) {
  return createFolkClient({ apiKey: "folk_contract_test", baseUrl: mockUrl("folk"), maxRetries: 0, ...options });
}

const company = { path: { companyId: COMPANY_ID } };
const person = { path: { personId: PERSON_ID } };
const note = { path: { noteId: NOTE_ID } };
const reminder = { path: { reminderId: REMINDER_ID } };
const webhook = { path: { webhookId: WEBHOOK_ID } };
const deals = { path: { groupId: GROUP_ID, objectType: DEALS } };
const deal = { path: { groupId: GROUP_ID, objectType: DEALS, objectId: DEAL_ID } };
const entity = { id: PERSON_ID };
const rrule = "DTSTART;TZID=Europe/Paris:20250717T090000\nRRULE:FREQ=WEEKLY;INTERVAL=1";

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
    listGroupCustomFields: (headers) =>
      folk(options).GET("/v1/groups/{groupId}/custom-fields/{entityType}", {
        params: { path: { groupId: GROUP_ID, entityType: "person" } },
        headers,
      }),
    listDeals: (headers) => folk(options).GET("/v1/groups/{groupId}/{objectType}", { params: deals, headers }),
    createDeal: (headers) =>
      folk(options).POST("/v1/groups/{groupId}/{objectType}", { params: deals, body: { name: "Project Alpha" }, headers }),
    searchDeals: (headers) => folk(options).POST("/v1/groups/{groupId}/{objectType}/search", { params: deals, body: {}, headers }),
    getDeal: (headers) => folk(options).GET("/v1/groups/{groupId}/{objectType}/{objectId}", { params: deal, headers }),
    updateDeal: (headers) =>
      folk(options).PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", {
        params: deal,
        body: { customFieldValues: { Status: "Won" } },
        headers,
      }),
    deleteDeal: (headers) => folk(options).DELETE("/v1/groups/{groupId}/{objectType}/{objectId}", { params: deal, headers }),
    listUsers: (headers) => folk(options).GET("/v1/users", { headers }),
    getCurrentUser: (headers) => folk(options).GET("/v1/users/me", { headers }),
    getUser: (headers) => folk(options).GET("/v1/users/{userId}", { params: { path: { userId: USER_ID } }, headers }),
    listNotes: (headers) => folk(options).GET("/v1/notes", { params: { query: { "entity.id": PERSON_ID } }, headers }),
    createNote: (headers) =>
      folk(options).POST("/v1/notes", { body: { entity, visibility: "public", content: "Met at the conference" }, headers }),
    getNote: (headers) => folk(options).GET("/v1/notes/{noteId}", { params: note, headers }),
    updateNote: (headers) => folk(options).PATCH("/v1/notes/{noteId}", { params: note, body: { visibility: "private" }, headers }),
    deleteNote: (headers) => folk(options).DELETE("/v1/notes/{noteId}", { params: note, headers }),
    listReminders: (headers) => folk(options).GET("/v1/reminders", { headers }),
    createReminder: (headers) =>
      folk(options).POST("/v1/reminders", { body: { entity, name: "Call John", recurrenceRule: rrule, visibility: "private" }, headers }),
    getReminder: (headers) => folk(options).GET("/v1/reminders/{reminderId}", { params: reminder, headers }),
    updateReminder: (headers) =>
      folk(options).PATCH("/v1/reminders/{reminderId}", { params: reminder, body: { name: "Call John back" }, headers }),
    deleteReminder: (headers) => folk(options).DELETE("/v1/reminders/{reminderId}", { params: reminder, headers }),
    createInteraction: (headers) =>
      folk(options).POST("/v1/interactions", {
        body: {
          entity,
          dateTime: "2025-07-17T09:00:00.000Z",
          title: "Coffee with John",
          content: "Discussed the project.",
          type: "coffee",
        },
        headers,
      }),
    listWebhooks: (headers) => folk(options).GET("/v1/webhooks", { headers }),
    createWebhook: (headers) =>
      folk(options).POST("/v1/webhooks", {
        body: { name: "CRM sync", targetUrl: "https://example.com/folk-events", subscribedEvents: [{ eventType: "person.created" }] },
        headers,
      }),
    getWebhook: (headers) => folk(options).GET("/v1/webhooks/{webhookId}", { params: webhook, headers }),
    updateWebhook: (headers) => folk(options).PATCH("/v1/webhooks/{webhookId}", { params: webhook, body: { status: "inactive" }, headers }),
    deleteWebhook: (headers) => folk(options).DELETE("/v1/webhooks/{webhookId}", { params: webhook, headers }),
  };
}

export const calls = callsWith();
