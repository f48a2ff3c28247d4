import { describeSuccessOnSandbox } from "../support/sandbox-suite.js";
import { callsWith, spec } from "./calls.js";

// upsertContact answers 201 only for an email the sandbox does not hold yet.
describeSuccessOnSandbox("featurebase", spec, callsWith, { "upsertContact 201": { seed: false } });
