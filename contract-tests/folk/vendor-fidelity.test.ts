/**
 * crm-kit never rejects what folk accepts: every documented filter operator and every optional field and
 * query parameter goes through the typed client (so the generated types accept it) to the mock (so the spec
 * accepts it). The tables are checked against the spec, so a field added to the spec needs a line here.
 */
import { describe, expect, it } from "vitest";
import type { Filter } from "../../src/folk/index.js";
import { serializeFolkQuery } from "../../src/folk/query.js";
import { recordingFetch, requestViolationPaths } from "../support/mocks.js";
import { COMPANY_ID, DEAL_ID, DEALS, folk, GROUP_ID, NOTE_ID, PERSON_ID, REMINDER_ID, SALES_GROUP_ID, spec, WEBHOOK_ID } from "./calls.js";

type Call = () => Promise<{ response: Response }>;
interface Sent {
  body?: object;
  query?: object;
  send: Call;
}
const operation = (operationId: string) => {
  const op = spec.operations.find((o) => o.operationId === operationId);
  if (!op) throw new Error(`no operation ${operationId}`);
  return spec.document.paths[op.path][op.method.toLowerCase()];
};
const bodyProperties = (operationId: string): string[] =>
  Object.keys(operation(operationId).requestBody?.content?.["application/json"]?.schema?.properties ?? {}).sort();
const queryParameters = (operationId: string): string[] =>
  (operation(operationId).parameters ?? [])
    .filter((p: { in: string }) => p.in === "query")
    .map((p: { name: string }) => p.name)
    .sort();

const OPERANDS: Record<string, Filter[string]> = {
  eq: { eq: "Jane" },
  not_eq: { not_eq: 42 },
  gt: { gt: "1990-01-01" },
  lt: { lt: "2000-01-01" },
  like: { like: "Jan" },
  not_like: { not_like: "Bot" },
  in: { in: { id: [GROUP_ID, SALES_GROUP_ID] } },
  not_in: { not_in: ["Todo", "Done"] },
  all: { all: ["Todo", "Done"] },
  empty: { empty: "" },
  not_empty: { not_empty: "" },
};

describe("folk: every documented filter operator", () => {
  it("the operators tested are the operators of the spec's FilterCondition", () => {
    expect(Object.keys(OPERANDS).sort()).toEqual(Object.keys(spec.document.components.schemas.FilterCondition.properties).sort());
  });

  for (const [operator, condition] of Object.entries(OPERANDS)) {
    it(`${operator}: accepted in a search body and written as filter[…][${operator}] in a list query`, async () => {
      const filter: Filter = { "customFieldValues.Status": condition };
      const search = await folk().POST("/v1/people/search", { body: { combinator: "or", filter } });
      expect(search.response.status).toBe(200);
      expect(requestViolationPaths(search.response)).toEqual([]);

      const { fetch, requests } = recordingFetch();
      const list = await folk({ fetch }).GET("/v1/groups/{groupId}/{objectType}", {
        params: { path: { groupId: GROUP_ID, objectType: DEALS }, query: { filter } },
      });
      expect(list.response.status).toBe(200);
      expect(decodeURIComponent(new URL(requests[0]!.url).search)).toContain(`filter[customFieldValues.Status][${operator}]`);
      expect(serializeFolkQuery({ filter })).toMatch(new RegExp(`\\[${operator}\\]`));
    });
  }
});

const rrule = "DTSTART;TZID=Europe/Paris:20250717T090000\nRRULE:FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR;INTERVAL=1";
const companyFields = {
  name: "Tech Corp",
  description: "A leading technology company.",
  fundingRaised: 5000000,
  lastFundingDate: "2024-03-01",
  industry: "Technology",
  foundationYear: "1990",
  foundationDate: "1990-01-01",
  employeeRange: "51-200" as const,
  groups: [{ id: GROUP_ID }],
  addresses: ["123 Main St, Springfield, USA"],
  emails: ["hello@techcorp.example"],
  phones: ["+1234567890"],
  urls: ["https://techcorp.example"],
  customFieldValues: { [GROUP_ID]: { Status: "Active", Tags: ["B2B", { id: PERSON_ID }], ARR: 42000000, Owner: null } },
};
const personFields = {
  firstName: "Jane",
  lastName: "Doe",
  fullName: "Jane Doe",
  description: "Head of sales.",
  birthday: "1985-04-12",
  jobTitle: "VP Sales",
  gender: "female",
  groups: [{ id: GROUP_ID }],
  companies: [{ name: "Tech Corp" }, { id: COMPANY_ID }],
  addresses: ["1 Rue de Rivoli, Paris"],
  emails: ["jane@techcorp.example"],
  phones: ["+33123456789"],
  urls: ["https://jane.example"],
  customFieldValues: { [GROUP_ID]: { Relationships: [{ id: COMPANY_ID }], Assignee: [{ email: "john@folk.example" }] } },
};
const dealFields = {
  name: "Project Alpha",
  companies: [{ id: COMPANY_ID }],
  people: [{ id: PERSON_ID }],
  customFieldValues: { Status: "Qualified", "Deal value": "42000", "Close date": null },
};
const list = { limit: 100, cursor: "eyJvZmZzZXQiOjN9" };
const deals = { groupId: GROUP_ID, objectType: DEALS };
const body = <T extends object>(value: T, send: (body: T) => ReturnType<Call>): Sent => ({ body: value, send: () => send(value) });
const query = <T extends object>(value: T, send: (query: T) => ReturnType<Call>): Sent => ({ query: value, send: () => send(value) });

/** One call per operation that takes a body or query parameters, with every one of them set. */
const everyField: Record<string, Sent> = {
  listCompanies: query({ ...list, combinator: "or" as const, filter: { name: { like: "acme" } } }, (q) =>
    folk().GET("/v1/companies", { params: { query: q } }),
  ),
  createCompany: body(companyFields, (b) => folk().POST("/v1/companies", { body: b })),
  searchCompanies: body({ combinator: "and" as const, filter: { industry: { eq: "Technology" } } }, (b) =>
    folk().POST("/v1/companies/search", { params: { query: list }, body: b }),
  ),
  updateCompany: body(
    { ...companyFields, fundingRaised: null, lastFundingDate: null, industry: null, foundationYear: 1990, employeeRange: null },
    (b) => folk().PATCH("/v1/companies/{companyId}", { params: { path: { companyId: COMPANY_ID } }, body: b }),
  ),
  listPeople: query({ ...list, combinator: "and" as const, filter: { gender: { eq: "female" } } }, (q) =>
    folk().GET("/v1/people", { params: { query: q } }),
  ),
  createPerson: body(personFields, (b) => folk().POST("/v1/people", { body: b })),
  searchPeople: body({ combinator: "or" as const, filter: { jobTitle: { like: "CTO" } } }, (b) =>
    folk().POST("/v1/people/search", { params: { query: list }, body: b }),
  ),
  updatePerson: body({ ...personFields, birthday: null, gender: null }, (b) =>
    folk().PATCH("/v1/people/{personId}", { params: { path: { personId: PERSON_ID } }, body: b }),
  ),
  listGroups: query(list, (q) => folk().GET("/v1/groups", { params: { query: q } })),
  listGroupCustomFields: query(list, (q) =>
    folk().GET("/v1/groups/{groupId}/custom-fields/{entityType}", { params: { path: { groupId: GROUP_ID, entityType: DEALS }, query: q } }),
  ),
  listDeals: query({ ...list, combinator: "or" as const, filter: { name: { like: "Alpha" } } }, (q) =>
    folk().GET("/v1/groups/{groupId}/{objectType}", { params: { path: deals, query: q } }),
  ),
  createDeal: body(dealFields, (b) => folk().POST("/v1/groups/{groupId}/{objectType}", { params: { path: deals }, body: b })),
  searchDeals: body({ combinator: "and" as const, filter: { "customFieldValues.Status": { in: ["Won"] } } }, (b) =>
    folk().POST("/v1/groups/{groupId}/{objectType}/search", { params: { path: deals, query: list }, body: b }),
  ),
  updateDeal: body(dealFields, (b) =>
    folk().PATCH("/v1/groups/{groupId}/{objectType}/{objectId}", { params: { path: { ...deals, objectId: DEAL_ID } }, body: b }),
  ),
  listUsers: query(list, (q) => folk().GET("/v1/users", { params: { query: q } })),
  listNotes: query(
    {
      ...list,
      "entity.id": PERSON_ID,
      query: "renewal",
      createdAfter: "2026-01-01T00:00:00.000Z",
      createdBefore: "2026-06-30T00:00:00.000Z",
    },
    (q) => folk().GET("/v1/notes", { params: { query: q } }),
  ),
  createNote: body({ entity: { id: DEAL_ID }, visibility: "public" as const, content: "Kick-off done", parentNote: { id: NOTE_ID } }, (b) =>
    folk().POST("/v1/notes", { body: b }),
  ),
  updateNote: body({ content: "Kick-off done, next step: pricing", visibility: "private" as const }, (b) =>
    folk().PATCH("/v1/notes/{noteId}", { params: { path: { noteId: NOTE_ID } }, body: b }),
  ),
  listReminders: query({ ...list, "entity.id": PERSON_ID }, (q) => folk().GET("/v1/reminders", { params: { query: q } })),
  createReminder: body(
    {
      entity: { id: COMPANY_ID },
      name: "Weekday check",
      recurrenceRule: rrule,
      visibility: "public" as const,
      assignedUsers: [{ email: "jane@techcorp.example" }],
    },
    (b) => folk().POST("/v1/reminders", { body: b }),
  ),
  updateReminder: body(
    {
      name: "Weekday check",
      recurrenceRule: rrule,
      visibility: "public" as const,
      assignedUsers: [{ id: "usr_a45c30d8-19fc-4939-94c7-17dc5e46f476" }],
    },
    (b) => folk().PATCH("/v1/reminders/{reminderId}", { params: { path: { reminderId: REMINDER_ID } }, body: b }),
  ),
  createInteraction: body(
    {
      entity: { id: PERSON_ID },
      dateTime: "2026-03-02T10:00:00.000Z",
      title: "Lunch",
      content: "Talked pricing.",
      type: "lunch",
      activityType: "lunch",
    },
    (b) => folk().POST("/v1/interactions", { body: b }),
  ),
  listWebhooks: query(list, (q) => folk().GET("/v1/webhooks", { params: { query: q } })),
  createWebhook: body(
    {
      name: "Sync",
      targetUrl: "https://hooks.example/folk",
      subscribedEvents: [{ eventType: "company.updated" as const, filter: { path: ["name"], value: "Tech Corp" } }],
    },
    (b) => folk().POST("/v1/webhooks", { body: b }),
  ),
  updateWebhook: body(
    {
      name: "Sync",
      targetUrl: "https://hooks.example/folk",
      subscribedEvents: [{ eventType: "note.created" as const }],
      status: "active" as const,
    },
    (b) => folk().PATCH("/v1/webhooks/{webhookId}", { params: { path: { webhookId: WEBHOOK_ID } }, body: b }),
  ),
};

describe("folk: every optional field and query parameter", () => {
  it("covers every operation that takes a body or query parameters", () => {
    const withInput = spec.operations
      .map((o) => o.operationId)
      .filter((id) => bodyProperties(id).length > 0 || queryParameters(id).length > 0);
    expect(Object.keys(everyField).sort()).toEqual(withInput.sort());
  });

  for (const [operationId, sent] of Object.entries(everyField)) {
    it(`${operationId}: a call with every documented field is accepted by the mock`, async () => {
      if (sent.body) expect(Object.keys(sent.body).sort()).toEqual(bodyProperties(operationId));
      if (sent.query) expect(Object.keys(sent.query).sort()).toEqual(queryParameters(operationId));
      const { response } = await sent.send();
      expect(response.status).toBe(200);
      expect(requestViolationPaths(response)).toEqual([]);
    });
  }
});

describe("folk: responses are read liberally", () => {
  it("an unknown field and documented nulls in a response reach the caller without an error", async () => {
    const company = {
      id: COMPANY_ID,
      name: "Tech Corp",
      description: "",
      fundingRaised: null,
      lastFundingDate: null,
      industry: null,
      foundationYear: null,
      employeeRange: null,
      groups: [],
      addresses: [],
      emails: [],
      phones: [],
      urls: [],
      createdAt: null,
      createdBy: { id: "usr_bc984b3f-0386-434d-82d7-a91eb6badd71", fullName: "John Doe", email: "john.doe@example.com" },
      customFieldValues: {},
      linkedinUrl: "https://www.linkedin.com/company/techcorp",
    };
    const fetch = async () => Response.json({ data: company, deprecations: ["linkedinUrl is in beta"] });
    const { data, error } = await folk({ fetch }).GET("/v1/companies/{companyId}", { params: { path: { companyId: COMPANY_ID } } });
    expect(error).toBeUndefined();
    expect(data?.data).toEqual(company);
  });
});
