import { describe, expect, it } from "vitest";
import { serializeFolkQuery } from "../../src/folk/query.js";

describe("serializeFolkQuery", () => {
  it("writes a two-level filter as filter[attribute][operator]=value, brackets unencoded", () => {
    expect(serializeFolkQuery({ filter: { name: { like: "acme" } }, combinator: "and", limit: 20 })).toBe(
      "filter[name][like]=acme&combinator=and&limit=20",
    );
  });

  it("repeats the key for each value of an in / not_in list, and nests reference lists a level deeper", () => {
    expect(serializeFolkQuery({ filter: { groups: { in: { id: ["grp_1", "grp_2"] } }, Status: { not_in: ["Todo", "Done"] } } })).toBe(
      "filter[groups][in][id]=grp_1&filter[groups][in][id]=grp_2&filter[Status][not_in]=Todo&filter[Status][not_in]=Done",
    );
  });

  it("percent-encodes attribute names and values, so spaces, & and brackets cannot break the structure", () => {
    const field = "customFieldValues.grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2.Business type";
    expect(serializeFolkQuery({ filter: { [field]: { eq: "B2B & B2C" }, "a]b": { like: "[x]" } } })).toBe(
      "filter[customFieldValues.grp_5fa60242-0756-4e31-8cca-30c2c5ff1ac2.Business%20type][eq]=B2B%20%26%20B2C&filter[a%5Db][like]=%5Bx%5D",
    );
  });

  it("keeps an empty operand (filter[groups][empty]=) and leaves out undefined, null and empty lists", () => {
    expect(
      serializeFolkQuery({ filter: { groups: { empty: "" }, name: { like: undefined, in: [] } }, cursor: undefined, limit: null }),
    ).toBe("filter[groups][empty]=");
    expect(serializeFolkQuery(undefined)).toBe("");
    expect(serializeFolkQuery({})).toBe("");
  });

  it("refuses an object inside a list, which has no documented form", () => {
    expect(() => serializeFolkQuery({ filter: { groups: { in: [{ id: "grp_1" }] } } })).toThrow(
      /filter\[groups\]\[in\] is an array holding an object/,
    );
  });
});
