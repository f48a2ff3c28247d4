import { describeSuccessOnSandbox } from "../support/sandbox-suite.js";
import { callsWith, kareWithLogin, spec } from "./calls.js";

// The sandbox accepts only sessions it issued, so the calls log in first.
describeSuccessOnSandbox("kare", spec, (options) => callsWith(options, kareWithLogin));
