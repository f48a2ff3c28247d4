import { describeSuccessOnSandbox } from "../support/sandbox-suite.js";
import { callsWith, spec } from "./calls.js";

describeSuccessOnSandbox("emnify", spec, callsWith);
