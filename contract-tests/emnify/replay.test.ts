import { idempotentOperations } from "../../generated/emnify.retry.js";
import { describeReplaysOnSandbox } from "../support/replay-suite.js";
import { callsWith, spec } from "./calls.js";

describeReplaysOnSandbox({
  api: "emnify",
  spec,
  marked: idempotentOperations,
  calls: (fetch) => callsWith({ fetch }),
  appliedTwice: { name: "createContact", call: (fetch) => callsWith({ fetch }).createContact },
});
