import { describeDocumentedErrors } from "../support/contract-suite.js";
import { calls, spec } from "./calls.js";

type FeaturebaseErrorBody = { error?: { code?: string; message?: string } };

describeDocumentedErrors("featurebase", spec, calls, {
  code: (example) => (example as FeaturebaseErrorBody).error?.code,
  message: (example) => (example as FeaturebaseErrorBody).error?.message,
});
