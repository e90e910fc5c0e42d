/**
 * The Alibaba signature check's replay guard: a nonce is accepted once per signature window.
 */
import { describe, expect, it } from "vitest";
import { NonceCache, SIGNATURE_WINDOW_MS } from "../../../../emulator/auth/alibaba";

describe("NonceCache", () => {
  it("rejects a nonce reused inside the window and accepts it after", () => {
    const c = new NonceCache();
    expect(c.use("k", "n", 0)).toBe(true);
    expect(c.use("k", "n", SIGNATURE_WINDOW_MS - 1)).toBe(false);
    expect(c.use("other-key", "n", 1)).toBe(true);
    expect(c.use("k", "n", SIGNATURE_WINDOW_MS)).toBe(true);
  });
});
