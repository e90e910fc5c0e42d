import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs, READY_PREFIX, runCli } from "../../../emulator/cli";
import type { RunningEmulator } from "../../../emulator/index";

const noop = () => {};
let running: RunningEmulator | undefined;
afterEach(async () => {
  await running?.close();
  running = undefined;
});

describe("emulator CLI", () => {
  it("maps flags to options", () => {
    expect(parseCliArgs(["--port", "8123", "--state", "s.json", "--inventory", "i.yaml", "--settle-ms", "10", "--loose"], noop)).toMatchObject({
      port: 8123,
      stateFile: "s.json",
      inventory: "i.yaml",
      settleMs: 10,
      strict: false,
    });
    expect(parseCliArgs([], noop)).toMatchObject({ port: 0, settleMs: 2000, strict: true });
  });

  it.each([
    ["an unknown flag", ["--host", "0.0.0.0"]],
    ["a non-numeric port", ["--port", "eighty"]],
    ["a positional argument", ["serve"]],
  ])("rejects %s", (_name, argv) => {
    expect(() => parseCliArgs(argv, noop)).toThrow();
  });

  it("prints exactly one ready line with the URL on stdout", async () => {
    const out: string[] = [];
    running = await runCli(["--port", "0"], { stdout: (l) => out.push(l), stderr: noop });
    expect(out).toEqual([`${READY_PREFIX}${running.url}`]);
    expect(out[0]).toMatch(/^streamjobs emulator listening on http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("fails with the usage text on bad flags", async () => {
    await expect(runCli(["--nope"], { stdout: noop, stderr: noop })).rejects.toThrow(/usage: streamjobs-emulator/);
  });
});
