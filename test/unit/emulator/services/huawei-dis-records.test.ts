/**
 * How DIS stream records are made: hash ranges over the 63-bit key space, and scaling that appends
 * or retires partitions.
 */
import { describe, expect, it } from "vitest";
import { hashRanges, scalePartitions } from "../../../../emulator/services/huawei-dis-records";

describe("DIS records", () => {
  it("splits the 63-bit hash space evenly and completely", () => {
    expect(hashRanges(1)).toEqual(["[0 : 9223372036854775807]"]);
    const three = hashRanges(3);
    expect(three[0]).toBe("[0 : 3074457345618258601]");
    expect(three[2]).toMatch(/ : 9223372036854775807\]$/);
  });

  it("scales up by appending partitions and down by retiring the newest active ones", () => {
    const two = scalePartitions([], 2);
    expect(two.map((p) => [p.index, p.status])).toEqual([
      [0, "ACTIVE"],
      [1, "ACTIVE"],
    ]);
    const one = scalePartitions(two, 1);
    expect(one.map((p) => p.status)).toEqual(["ACTIVE", "DELETED"]);
    expect(one[0]?.hashRange).toBe("[0 : 9223372036854775807]");
    const three = scalePartitions(one, 3);
    expect(three.map((p) => [p.index, p.status])).toEqual([
      [0, "ACTIVE"],
      [1, "DELETED"],
      [2, "ACTIVE"],
      [3, "ACTIVE"],
    ]);
    // The input is not changed.
    expect(two.map((p) => p.status)).toEqual(["ACTIVE", "ACTIVE"]);
  });
});
