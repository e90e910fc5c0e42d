/**
 * The bench's report (scripts/bench/report.mjs): each figure against issue 14's target with pass or
 * fail, a figure not measured said so, and the markdown tables. The results here are hand-written
 * in the bench's JSON shape.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { RECOMMENDED_PARALLEL, markdown, table, targetRows } from "../../../../scripts/bench/report.mjs";

const run = (settleMs: number, parallel: number | "default", over: Record<string, unknown> = {}) => ({
  jobs: 200,
  settleMs,
  parallel,
  parallelEffective: parallel === "default" ? 8 : parallel,
  ok: true,
  wallSeconds: 60,
  calls: 1000,
  bound: { calls: 1000, rps: 20, seconds: 50, busiest: { action: "DescribeStreamingJob", calls: 600, seconds: 30 } },
  ratio: 1.2,
  ratioApiSpan: 1.05,
  ratioBusiest: 2,
  throttled: 0,
  callsPerJob: 5,
  describeShare: 0.6,
  ...over,
});
const summary = (median: number) => ({ samples: [median], min: median, median });
const results = {
  when: "2025-01-01T00:00:00.000Z",
  node: "v22.0.0",
  pulumi: "3.259.0",
  machine: { cpus: 2, cpuModel: "Test CPU", memoryGB: 8, platform: "linux" },
  quick: false,
  durationSeconds: 900,
  quotaRps: 20,
  latencyMs: 50,
  noChange: {
    200: { preview: { streamjobs: summary(6), floor: summary(5), ratio: { ...summary(1.2), ofMins: 1.2 }, apiCalls: 0 } },
    1000: { preview: { streamjobs: summary(11), floor: summary(10), ratio: { ...summary(1.1), ofMins: 1.1 }, apiCalls: 0 } },
  },
  create: [run(200, "default", { ratio: 1.1, callsPerJob: 2.5 }), run(3000, "default", { ratio: 2.2 }), run(3000, RECOMMENDED_PARALLEL, { ratio: 1.31 })],
  checkpoint: {
    jobs: 1000,
    bytes: 5_000_000,
    bytesPerJob: 5000,
    providerBytesPerResource: 2401,
    providerShare: 0.44,
    floor: { bytesPerJob: 2000, providerBytesPerResource: 553 },
  },
  coldStart: { requireMs: summary(350), preview: { streamjobs: summary(4), floor: summary(3.5), differenceMs: 500 } },
};

const verdicts = (rows: Array<{ figure: string; result: string }>) => Object.fromEntries(rows.map((r) => [r.figure, r.result]));

describe("targetRows", () => {
  it("sets each figure against the issue's target: bounds inclusive", () => {
    expect(verdicts(targetRows(results))).toEqual({
      "create 200 jobs, 200 ms settle, default settings: × quota bound": "pass",
      "create 200 jobs, 200 ms settle, default settings: throttling answers": "pass",
      [`create 200 jobs, 3 s settle, --parallel ${RECOMMENDED_PARALLEL}: × quota bound`]: "fail",
      "calls per created job (200 ms settle, --parallel default)": "pass",
      "calls per created job (3000 ms settle, --parallel default)": "fail",
      [`calls per created job (3000 ms settle, --parallel ${RECOMMENDED_PARALLEL})`]: "fail",
      "no-change preview at 1,000 jobs: × floor": "pass",
      "serialized provider, bytes per resource": "fail",
    });
  });

  it("fails the throttling target on a refused call, or on a run that did not create every job", () => {
    const throttled = { ...results, create: [run(200, "default", { throttled: 3 })] };
    const failed = { ...results, create: [run(200, "default", { ok: false })] };
    for (const r of [throttled, failed]) {
      expect(targetRows(r).find((row: { figure: string }) => /throttling/.test(row.figure))?.result).toBe("fail");
    }
  });

  it("says what was not measured, and names the size a quick run measured at", () => {
    const rows = targetRows({ ...results, create: [], checkpoint: undefined, noChange: { 50: results.noChange[200], 200: results.noChange[200] } });
    expect(rows.find((r: { figure: string }) => /3 s settle/.test(r.figure))).toMatchObject({ value: "not measured", result: "—" });
    expect(rows.find((r: { figure: string }) => /serialized/.test(r.figure))).toMatchObject({ value: "not measured", result: "—" });
    expect(rows.find((r: { figure: string }) => /no-change/.test(r.figure))).toMatchObject({
      figure: "no-change preview at 200 jobs (quick mode; the target is at 1,000): × floor",
      value: "1.20",
      result: "fail",
    });
  });
});

describe("targetRows in a quick or partial run", () => {
  it("names the job count a quick create run measured at, and the issue's sizes for sections not run", () => {
    const rows = targetRows({ ...results, noChange: undefined, checkpoint: undefined, create: [run(200, "default", { jobs: 50 })] });
    const figures = rows.map((r: { figure: string }) => r.figure);
    expect(figures).toContain("create 50 jobs (quick mode; the target is at 200), 200 ms settle, default settings: × quota bound");
    expect(figures).toContain(`create 200 jobs, 3 s settle, --parallel ${RECOMMENDED_PARALLEL}: × quota bound`);
    expect(rows.find((r: { figure: string }) => /no-change/.test(r.figure))).toMatchObject({
      figure: "no-change preview at 1,000 jobs: × floor",
      value: "not measured",
    });
  });
});

describe("markdown", () => {
  it("lays a table out with a heading row and a separator", () => {
    expect(
      table(
        [
          ["a", "A"],
          ["b", "B"],
        ],
        [{ a: 1, b: "x" }, { a: 2 }],
      ),
    ).toBe("| A | B |\n| --- | --- |\n| 1 | x |\n| 2 |  |");
  });

  it("writes the machine, every target with its verdict, and every run", () => {
    const md = markdown(results);
    expect(md).toContain("2025-01-01T00:00:00.000Z · 2 × Test CPU, 8 GB, linux · node v22.0.0 · pulumi 3.259.0 · full run in 900 s");
    expect(md).toContain("| create 200 jobs, 200 ms settle, default settings: × quota bound | 1.10 | ≤ 1.15 | pass |");
    expect(md).toContain("| serialized provider, bytes per resource | 2401 | ≤ 800 | fail |");
    expect(md).toContain("| no-change preview, 1000 jobs | 11.00 / 11.00 | 10.00 / 10.00 | 1.10 (min 1.10) | 0 |");
    expect(md).toContain(
      "| create 200, 200 ms settle, --parallel default (8) | 60.0 | 1000 | 50.0 | 1.10 | 1.05 | 2.00 (DescribeStreamingJob) | 2.50 | 60 % | 0 | yes |",
    );
    expect(md).toContain("the serialized provider 2401 bytes per resource (44 % of the checkpoint");
    expect(md).toContain("require: 350 ms min, 350 ms median");
  });
});
