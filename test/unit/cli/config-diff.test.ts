/** The stack config differences promote prints: changed and one-sided keys with values, secret keys by name only. */
import { describe, expect, it } from "vitest";
import { configDifferences } from "../../../cli/config-diff";

describe("configDifferences", () => {
  it("lists changed and one-sided keys, sorted, and secret keys without any value", () => {
    const staging = { "p:spec": { value: "4" }, "p:same": { value: "x" }, "p:pw": { value: "Secret#1", secret: true }, "p:onlyS": { value: "s" } };
    const prod = {
      "p:spec": { value: "8" },
      "p:same": { value: "x" },
      "p:pw": { value: "Secret#2", secret: true },
      "p:onlyP": { value: "p" },
      "p:key": { value: "k", secret: true },
    };
    const lines = configDifferences(staging, prod, { source: "staging", target: "prod" });
    expect(lines).toEqual([
      "p:key: secret, only in prod (value not shown)",
      "p:onlyP: only in prod = p",
      "p:onlyS: only in staging = s",
      "p:pw: secret, in both (value not shown)",
      "p:spec: 4 → 8",
    ]);
    expect(lines.join("\n")).not.toMatch(/Secret#|= k/);
  });
});
