/**
 * The emulator's command line: flags mapped to options (the fault-rate and quota flags among them),
 * bad flags refused with the usage text, and the one ready line on stdout.
 */
import { afterEach, describe, expect, it } from "vitest";
import { parseCliArgs, READY_PREFIX, runCli } from "../../../emulator/cli";
import { type RunningEmulator, startEmulator } from "../../../emulator/index";

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

describe("the CLI's fault-rate flags", () => {
  it("maps --fault-rate, --fault-seed, --fault-mix and --fault-latency-ms", () => {
    expect(parseCliArgs([], noop).faultRate).toBeUndefined();
    expect(
      parseCliArgs(["--fault-rate", "0.2", "--fault-seed", "42", "--fault-mix", "throttle=2,5xx=1,dropApplied=0.5", "--fault-latency-ms", "50"], noop)
        .faultRate,
    ).toEqual({ rate: 0.2, seed: 42, mix: { throttle: 2, "5xx": 1, dropApplied: 0.5 }, latencyMs: 50 });
  });

  it.each([
    ["--fault-mix with an unknown kind", ["--fault-rate", "0.2", "--fault-mix", "stuck=1"], /--fault-mix needs KIND=WEIGHT pairs .* got "stuck=1"/],
    ["--fault-seed without --fault-rate", ["--fault-seed", "3"], /--fault-seed has no effect without --fault-rate/],
    ["--fault-rate that is not a number", ["--fault-rate", "often"], /--fault-rate needs a non-negative number, got "often"/],
  ])("rejects %s", (_name, argv, message) => {
    expect(() => parseCliArgs(argv, noop)).toThrow(message);
  });

  it("rejects a fault rate above 1 when the emulator starts, naming the option", async () => {
    await expect(startEmulator({ ...parseCliArgs(["--fault-rate", "2"], noop), port: 0 })).rejects.toThrow(/faultRate\.rate: /);
  });
});

describe("the CLI's quota flags", () => {
  it("leaves quotas off without a quota flag", () => {
    expect(parseCliArgs([], noop).quotas).toBeUndefined();
  });

  it("maps --quotas, --quota-rate, --quota-burst and repeated --quota", () => {
    expect(parseCliArgs(["--quotas"], noop).quotas).toEqual({ enabled: true, actions: {} });
    expect(parseCliArgs(["--quota-rate", "0.5", "--quota-burst", "2", "--quota", "CreateStreamingJob=1/3", "--quota", "ListStreams=4"], noop).quotas).toEqual({
      enabled: true,
      default: { ratePerSecond: 0.5, burst: 2 },
      actions: { CreateStreamingJob: { ratePerSecond: 1, burst: 3 }, ListStreams: { ratePerSecond: 4 } },
    });
  });

  it.each([
    ["--quota without a rate", ["--quota", "CreateStreamingJob"], /--quota needs ACTION=RATE/],
    ["--quota with a negative rate", ["--quota", "CreateStreamingJob=-1"], /--quota needs ACTION=RATE/],
    ["--quota-rate that is not a number", ["--quota-rate", "fast"], /--quota-rate needs a non-negative number, got "fast"/],
    ["--quota-burst that is fractional", ["--quota-burst", "1.5"], /--quota-burst needs a non-negative integer, got "1.5"/],
  ])("rejects %s", (_name, argv, message) => {
    expect(() => parseCliArgs(argv, noop)).toThrow(message);
  });

  it("rejects a quota rate of 0 when the emulator starts, naming the option", async () => {
    await expect(startEmulator({ ...parseCliArgs(["--quota-rate", "0"], noop), port: 0 })).rejects.toThrow(/quotas\.default\.ratePerSecond: /);
  });
});
