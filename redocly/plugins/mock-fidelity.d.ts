/** Types of the Redocly plugin in mock-fidelity.js (plain JavaScript, as Redocly imports it). */
export default function mockFidelityPlugin(): {
  id: "mock-fidelity";
  /** Rule factories by rule id (without the `mock-fidelity/` prefix). */
  rules: { oas3: Record<string, () => Record<string, unknown>> };
};
