/**
 * The control routes' request guard: only a loopback Host and Origin get through, and only with no
 * body or a JSON one.
 */
import { describe, expect, it } from "vitest";
import { refuseControlRequest } from "../../../emulator/control";

describe("refuseControlRequest", () => {
  const host = "127.0.0.1:4000";
  it("lets a loopback request without a body through", () => {
    expect(refuseControlRequest({ host })).toBeUndefined();
    expect(refuseControlRequest({ host: "[::1]", "content-length": "0" })).toBeUndefined();
    expect(refuseControlRequest({ host: "localhost:1", "content-type": "application/json", "content-length": "2" })).toBeUndefined();
    expect(refuseControlRequest({ host, origin: "http://localhost:5173" })).toBeUndefined();
  });

  it.each([
    ["no Host", {}, 403],
    ["a foreign Host", { host: "attacker.example:4000" }, 403],
    ["a Host that only starts like loopback", { host: "127.0.0.1.nip.io" }, 403],
    ["a foreign Origin", { host, origin: "https://attacker.example" }, 403],
    ["the opaque Origin null", { host, origin: "null" }, 403],
    ["a text/plain body", { host, "content-type": "text/plain", "content-length": "2" }, 415],
    ["a chunked body without Content-Type", { host, "transfer-encoding": "chunked" }, 415],
    ["a JSON look-alike media type", { host, "content-type": "application/json-patch+json", "content-length": "2" }, 415],
  ])("rejects %s", (_name, headers, status) => {
    expect(refuseControlRequest(headers)?.status).toBe(status);
  });
});
