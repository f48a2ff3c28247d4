import { idempotentOperations } from "../../generated/kare.retry.js";
import { describeReplaysOnSandbox } from "../support/replay-suite.js";
import { callsWith, kareWithLogin, spec } from "./calls.js";

// The sandbox accepts only sessions it issued, so the calls log in first.
describeReplaysOnSandbox({
  api: "kare",
  spec,
  marked: idempotentOperations,
  calls: (fetch) => callsWith({ fetch }, kareWithLogin),
  appliedTwice: { name: "createContacts", call: (fetch) => callsWith({ fetch }, kareWithLogin).createContacts },
});
