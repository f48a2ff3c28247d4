import { expect } from "vitest";
import { WebhookVerificationError } from "../../../src/core/index.js";

/** The WebhookVerificationError a verification rejects with (and fails the test when it resolves or throws another). */
export async function refusal(verification: Promise<unknown>): Promise<WebhookVerificationError> {
  const error = await verification.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(WebhookVerificationError);
  return error as WebhookVerificationError;
}
