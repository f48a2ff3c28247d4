import { idempotentOperations } from "../../generated/featurebase.retry.js";
import { describeReplaysOnSandbox } from "../support/replay-suite.js";
import { callsWith, featurebase, spec } from "./calls.js";

let created = 0;
describeReplaysOnSandbox({
  api: "featurebase",
  spec,
  marked: idempotentOperations,
  calls: (fetch) => callsWith({ fetch }),
  changing: {
    // A contact the seed does not hold: the first call creates it (201), the replay finds it by email (200).
    upsertContact: (fetch) => () =>
      featurebase({ fetch }).POST("/v2/contacts", {
        body: { email: "grace@example.com", name: "Grace", companies: [{ id: "comp_12345", name: "Acme Inc" }] },
      }),
  },
  // Featurebase has no plain create: an upsert with a new companyId each time creates each time.
  appliedTwice: {
    name: "upsertCompany with a new companyId on each call",
    call: (fetch) => () => {
      created += 1;
      return featurebase({ fetch }).POST("/v2/companies", { body: { companyId: `comp_new_${created}`, name: "New Inc" } });
    },
  },
});
