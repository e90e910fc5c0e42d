/**
 * The promotion record round-trips through stack tags, and a stack missing any part of it has no
 * record (it was never promoted into, or someone removed a tag).
 */
import { describe, expect, it } from "vitest";
import { type PromotionRecord, RECORD_TAGS, recordOf, recordTags } from "../../../cli/record";

const RECORD: PromotionRecord = {
  revision: "a".repeat(40),
  fingerprint: "f".repeat(64),
  source: "staging",
  sourceFingerprint: "e".repeat(64),
  promotedAt: "2026-05-01T12:00:00.000Z",
};

describe("the promotion record", () => {
  it("is written as streamjobs: tags and read back whole", () => {
    const tags = recordTags(RECORD);
    expect(tags).toEqual({
      "streamjobs:revision": RECORD.revision,
      "streamjobs:fingerprint": RECORD.fingerprint,
      "streamjobs:source": "staging",
      "streamjobs:source-fingerprint": RECORD.sourceFingerprint,
      "streamjobs:promoted-at": RECORD.promotedAt,
    });
    expect(recordOf({ ...tags, "pulumi:project": "p" })).toEqual(RECORD);
  });

  it("is absent when a tag is missing or empty", () => {
    const { [RECORD_TAGS.source]: _, ...partial } = recordTags(RECORD);
    expect(recordOf(partial)).toBeUndefined();
    expect(recordOf({ ...recordTags(RECORD), [RECORD_TAGS.revision]: "" })).toBeUndefined();
    expect(recordOf({})).toBeUndefined();
  });
});
