/**
 * The seed, from the spec's examples: the groups of `listGroups` and those the other examples embed, the
 * company of `getCompany`, the person of `getPerson`, the users of `listUsers` and those the examples name,
 * the custom fields of `listGroupCustomFields`, the deal of `getDeal`, the note of `listNotes`, the
 * reminder of `listReminders` and the webhook of `createWebhook`.
 *
 * The examples link records under other ids than the records' own examples (the person's "Tech Corp", the
 * notes' "John Doe"); the seed links them to the stored record of that name. The custom fields and the deal
 * go to the company's and person's group (Engineering), so that one group shows fields, deals and members;
 * the examples' own links name a group no other example describes.
 */
import document from "../../../generated/folk.openapi.js";
import { responseExamples } from "../spec-examples.js";
import type {
  Company,
  Deal,
  Group,
  GroupCustomField,
  LinkedEntity,
  Note,
  Person,
  Reminder,
  User,
  WebhookWithSigningSecret,
} from "./model.js";
import type { FolkStore } from "./store.js";

function example<T>(operationId: string): T {
  const [first] = responseExamples(document, operationId, 200) as Array<{ data: T }>;
  if (!first) throw new Error(`sandbox seed: folk's ${operationId} example is missing`);
  return first.data;
}

export function seedFolk(store: FolkStore): void {
  const groups = example<{ items: Group[] }>("listGroups").items;
  const company = example<Company>("getCompany");
  const person = example<Person>("getPerson");
  for (const group of [...groups, ...company.groups, ...person.groups]) store.putGroup(group);
  store.users.putUser(company.createdBy, { isApiUser: true });
  for (const user of example<{ items: User[] }>("listUsers").items) store.users.putUser(user);
  for (const values of [...Object.values(company.customFieldValues), ...Object.values(person.customFieldValues)]) {
    for (const value of Object.values(values)) {
      for (const item of Array.isArray(value) ? value : []) if (typeof item === "object" && "email" in item) store.users.putUser(item);
    }
  }
  store.putCompany(company);
  const companies = person.companies.map((linked) => (linked.name === company.name ? { id: company.id, name: company.name } : linked));
  store.putPerson({ ...person, companies });

  const engineering = person.groups[0]?.id ?? "";
  store.putGroupFields(engineering, "person", example<{ items: GroupCustomField[] }>("listGroupCustomFields").items);
  const deal = example<Deal>("getDeal");
  store.deals.putDeal(
    { groupId: engineering, objectType: "Deals" },
    {
      ...deal,
      companies: deal.companies.map((c) => (c.name === company.name ? { id: company.id, name: c.name } : c)),
      people: deal.people.map((p) => (p.fullName === person.fullName ? { id: person.id, fullName: p.fullName } : p)),
    },
  );
  const relink = (entity: LinkedEntity): LinkedEntity =>
    entity.entityType === "person" && entity.fullName === person.fullName ? { ...entity, id: person.id } : entity;
  for (const note of example<{ items: Note[] }>("listNotes").items) store.notes.putNote({ ...note, entity: relink(note.entity) });
  for (const reminder of example<{ items: Reminder[] }>("listReminders").items) {
    store.reminders.putReminder({ ...reminder, entity: relink(reminder.entity) });
  }
  store.webhooks.putWebhook(example<WebhookWithSigningSecret>("createWebhook"));
}
