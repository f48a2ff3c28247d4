/** What folk derives for a company (https://developer.folk.app/api-reference/companies): defaults and filterable attributes. */
import type { Company, User } from "./model.js";

/** The attributes a companies list filters on. */
export const COMPANY_ATTRIBUTES = [
  "name",
  "description",
  "industry",
  "employeeRange",
  "fundingRaised",
  "lastFundingDate",
  "foundationYear",
  "groups",
  "addresses",
  "emails",
  "phones",
  "urls",
  "createdAt",
  "customFieldValues",
];

/** A company as folk creates it before the fields sent are applied. */
export function blankCompany(id: string, name: string, now: Date, createdBy: User): Company {
  return {
    id,
    name,
    description: "",
    groups: [],
    addresses: [],
    emails: [],
    phones: [],
    urls: [],
    createdAt: now.toISOString(),
    createdBy,
    customFieldValues: {},
  };
}
