/**
 * The hand-drawn chart (scripts/bench/svg.mjs): one panel per run, a bar per second split into
 * answered and throttled calls, the quota as a dashed line, text escaped. Read back by counting
 * the elements the document holds, not by comparing pixels.
 */
import { describe, expect, it } from "vitest";
// @ts-expect-error: plain ESM script without type declarations
import { callsChart, tickStep } from "../../../../scripts/bench/svg.mjs";

const bins = [
  { second: 0, calls: 10, throttled: 0 },
  { second: 1, calls: 25, throttled: 5 },
  { second: 2, calls: 0, throttled: 0 },
];
const count = (svg: string, re: RegExp) => (svg.match(re) ?? []).length;

describe("tickStep", () => {
  it("picks 1, 2 or 5 times a power of ten for about the asked number of ticks", () => {
    expect(tickStep(25)).toBe(5);
    expect(tickStep(100)).toBe(20);
    expect(tickStep(7)).toBe(2);
    expect(tickStep(0)).toBe(1);
    expect(tickStep(1000, 8)).toBe(200);
  });
});

describe("callsChart", () => {
  it("draws a standalone SVG with one panel per run, stacked", () => {
    const svg = callsChart(
      [
        { bins, title: "fast", quota: 20 },
        { bins, title: "slow" },
      ],
      { width: 400, panelHeight: 200 },
    );
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="400" height="400"')).toBe(true);
    expect(svg.trimEnd().endsWith("</svg>")).toBe(true);
    expect(count(svg, /<g transform="translate\(0 (0|200)\)">/g)).toBe(2);
    expect(svg).toContain(">fast</text>");
    expect(svg).toContain(">slow</text>");
  });

  it("draws a blue bar per second and a red one on top where calls were throttled", () => {
    const svg = callsChart([{ bins, title: "t" }]);
    expect(count(svg, /fill="#4a78b5"/g)).toBe(3);
    expect(count(svg, /fill="#c0392b"/g)).toBe(1);
  });

  it("draws the quota as a dashed line with its label, only when given", () => {
    expect(callsChart([{ bins, title: "t", quota: 20, quotaLabel: "20/s: the bound's rate" }])).toMatch(
      /stroke-dasharray[^>]*\/>\n<text[^>]*>20\/s: the bound's rate<\/text>/,
    );
    expect(callsChart([{ bins, title: "t" }])).not.toContain("stroke-dasharray");
  });

  it("scales bars to the tallest second: the 25-call bar reaches the top tick", () => {
    const svg = callsChart([{ bins, title: "t" }], { width: 400, panelHeight: 200 });
    // Plot from y=32 to y=160 (200 minus the 40 bottom margin); 25 calls is the axis maximum.
    expect(svg).toMatch(/<rect x="[\d.]+" y="32" width="[\d.]+" height="25.6" fill="#c0392b"\/>/);
    expect(svg).toContain('text-anchor="end">25</text>');
  });

  it("escapes text", () => {
    expect(callsChart([{ bins, title: 'a < b & "c"' }])).toContain(">a &lt; b &amp; &quot;c&quot;</text>");
  });
});
