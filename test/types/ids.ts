/**
 * Ids round-trip: an id read from a response is accepted, as is, by the path parameter of the next call on the
 * same resource.
 */
import { unwrap } from "crm-kit";
import type { EmnifyClient } from "crm-kit/emnify";
import type { FeaturebaseClient } from "crm-kit/featurebase";
import type { FolkClient } from "crm-kit/folk";
import type { KareClient } from "crm-kit/kare";

declare const featurebase: FeaturebaseClient;
declare const folk: FolkClient;
declare const emnify: EmnifyClient;
declare const kare: KareClient;

export async function featurebaseIds(): Promise<void> {
  const company = await unwrap(featurebase.POST("/v2/companies", { body: { companyId: "acme-1", name: "Acme" } }));
  await featurebase.GET("/v2/companies/{id}", { params: { path: { id: company.id } } });
  await featurebase.DELETE("/v2/companies/by-company-id/{companyId}", { params: { path: { companyId: company.companyId } } });
  const contact = await unwrap(featurebase.POST("/v2/contacts", { body: { email: "jane@example.com" } }));
  await featurebase.POST("/v2/companies/{id}/contacts", { params: { path: { id: company.id } }, body: { contactId: contact.id } });
  await featurebase.DELETE("/v2/companies/{id}/contacts/{contactId}", { params: { path: { id: company.id, contactId: contact.id } } });
  await featurebase.GET("/v2/contacts/{id}", { params: { path: { id: contact.id } } });
  if (contact.userId !== undefined)
    await featurebase.GET("/v2/contacts/by-user-id/{userId}", { params: { path: { userId: contact.userId } } });
}

export async function folkIds(): Promise<void> {
  const { data: company } = await unwrap(folk.POST("/v1/companies", { body: { name: "Acme" } }));
  await folk.GET("/v1/companies/{companyId}", { params: { path: { companyId: company.id } } });
  const { data: person } = await unwrap(folk.POST("/v1/people", { body: { firstName: "Jane", companies: [{ id: company.id }] } }));
  await folk.PATCH("/v1/people/{personId}", { params: { path: { personId: person.id } }, body: { jobTitle: "CTO" } });
  const { data: groups } = await unwrap(folk.GET("/v1/groups"));
  const group = groups.items[0];
  if (group === undefined) return;
  const { data: deals } = await unwrap(
    folk.GET("/v1/groups/{groupId}/{objectType}", { params: { path: { groupId: group.id, objectType: "Deals" } } }),
  );
  const deal = deals.items[0];
  if (deal === undefined) return;
  await folk.GET("/v1/groups/{groupId}/{objectType}/{objectId}", {
    params: { path: { groupId: group.id, objectType: "Deals", objectId: deal.id } },
  });
  const { data: note } = await unwrap(folk.POST("/v1/notes", { body: { entity: { id: deal.id }, visibility: "public", content: "Hi" } }));
  await folk.GET("/v1/notes/{noteId}", { params: { path: { noteId: note.id } } });
  const { data: user } = await unwrap(folk.GET("/v1/users/me"));
  await folk.GET("/v1/users/{userId}", { params: { path: { userId: user.id } } });
}

export async function emnifyIds(orgId: number): Promise<void> {
  const [contact] = await unwrap(emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: orgId } } }));
  if (contact?.id === undefined) return;
  // A contact's id is a number, the creation's contact_id a string: the path parameter takes both.
  await emnify.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: orgId, contact_id: contact.id } } });
  const created = await unwrap(
    emnify.POST("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: orgId } }, body: { type: { id: 6 }, name: "Jane" } }),
  );
  if (created.contact_id === undefined) return;
  await emnify.DELETE("/api/v1/organisation/{org_id}/contact/{contact_id}", {
    params: { path: { org_id: orgId, contact_id: created.contact_id } },
  });
  // @ts-expect-error a contact id is digits, as a number or a string; not a boolean
  await emnify.GET("/api/v1/organisation/{org_id}/contact/{contact_id}", { params: { path: { org_id: orgId, contact_id: true } } });
  if (contact.organisation?.id === undefined) return;
  await emnify.GET("/api/v1/organisation/{org_id}/contact", { params: { path: { org_id: contact.organisation.id } } });
}

export async function kareIds(): Promise<void> {
  const { data: companies } = await unwrap(kare.GET("/companies/v2/rs"));
  const company = companies[0];
  if (company === undefined) return;
  const { data: contacts } = await unwrap(
    kare.GET("/companies/v2/rs/{companyId}/contacts", { params: { path: { companyId: company.id } } }),
  );
  const contact = contacts[0];
  if (contact === undefined) return;
  await kare.PATCH("/companies/v2/rs/{companyId}/contacts/{contactId}", {
    params: { path: { companyId: company.id, contactId: contact.id } },
    body: { name: "Jane", notify: false },
  });
  // @ts-expect-error an id is a number, not an object
  await kare.GET("/companies/v2/rs/{companyId}/contacts", { params: { path: { companyId: company } } });
}
