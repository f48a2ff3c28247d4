import { idempotentOperations } from "../../generated/folk.retry.js";
import { describeReplaysOnSandbox } from "../support/replay-suite.js";
import { COMPANY_ID, callsWith, folk, spec } from "./calls.js";

describeReplaysOnSandbox({
  api: "folk",
  spec,
  marked: idempotentOperations,
  calls: (fetch) => callsWith({ fetch }),
  reads: ["searchCompanies", "searchPeople", "searchDeals"],
  changing: {
    // The contract call sets the industry the seed already holds.
    updateCompany: (fetch) => () =>
      folk({ fetch }).PATCH("/v1/companies/{companyId}", {
        params: { path: { companyId: COMPANY_ID } },
        body: { industry: "Aerospace", emails: ["hello@example.com"] },
      }),
  },
  appliedTwice: { name: "createNote", call: (fetch) => callsWith({ fetch }).createNote },
});
