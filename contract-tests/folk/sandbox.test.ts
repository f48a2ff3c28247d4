import { describeSuccessOnSandbox } from "../support/sandbox-suite.js";
import { callsWith, spec } from "./calls.js";

// The seed already holds a company named "Tech Corp", and company names are unique.
describeSuccessOnSandbox("folk", spec, callsWith, { "createCompany 200": { seed: false } });
