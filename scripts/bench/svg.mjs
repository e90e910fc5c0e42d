// The bench's chart, drawn by hand (no charting dependency): calls per second over a run as bars,
// the throttled part of each second in red on top, and the quota as a dashed line, so a reader sees
// at a glance whether a run kept to its quota and where it idled. Pure: bins in, SVG text out.

/** Coordinates to one decimal: the document stays small and diffable. */
const n = (v) => Math.round(v * 10) / 10;

const xmlText = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** A round step for about `count` ticks up to `max` (1, 2 or 5 times a power of ten). */
export function tickStep(max, count = 5) {
  if (max <= 0) return 1;
  const raw = max / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/**
 * One panel's elements, drawn from (0, 0).
 * @param {Array<{ second: number, calls: number, throttled: number }>} bins one per second, from 0
 * @param {{ title: string, quota?: number, quotaLabel?: string }} o quota: a dashed line at this rate
 */
function panel(bins, o, width, height) {
  const pad = { left: 48, right: 16, top: 32, bottom: 40 };
  const plotW = width - pad.left - pad.right;
  const plotH = height - pad.top - pad.bottom;
  const top = Math.max(1, o.quota ?? 0, ...bins.map((b) => b.calls));
  const yStep = tickStep(top);
  const yMax = Math.ceil(top / yStep) * yStep;
  const barW = plotW / Math.max(1, bins.length);
  const y = (v) => n(pad.top + plotH - (v / yMax) * plotH);
  const parts = [`<text x="${pad.left}" y="18" font-size="13">${xmlText(o.title)}</text>`];
  for (let v = 0; v <= yMax; v += yStep) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(v)}" y2="${y(v)}" stroke="#ddd"/>`);
    parts.push(`<text x="${pad.left - 6}" y="${y(v) + 4}" text-anchor="end">${v}</text>`);
  }
  for (const [i, b] of bins.entries()) {
    const x = n(pad.left + i * barW);
    const w = n(Math.max(0.5, barW - 1));
    const ok = b.calls - b.throttled;
    parts.push(`<rect x="${x}" y="${y(ok)}" width="${w}" height="${n(y(0) - y(ok))}" fill="#4a78b5"/>`);
    if (b.throttled > 0) parts.push(`<rect x="${x}" y="${y(b.calls)}" width="${w}" height="${n(y(ok) - y(b.calls))}" fill="#c0392b"/>`);
  }
  const xStep = tickStep(bins.length, 8);
  for (let s = 0; s <= bins.length; s += xStep) {
    parts.push(`<text x="${n(pad.left + s * barW)}" y="${height - pad.bottom + 14}" text-anchor="middle">${s}</text>`);
  }
  if (o.quota !== undefined) {
    parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(o.quota)}" y2="${y(o.quota)}" stroke="#e67e22" stroke-dasharray="6 4"/>`);
    parts.push(`<text x="${width - pad.right}" y="${y(o.quota) - 4}" text-anchor="end" fill="#e67e22">${xmlText(o.quotaLabel ?? `quota ${o.quota}/s`)}</text>`);
  }
  parts.push(`<text x="${pad.left + plotW / 2}" y="${height - 6}" text-anchor="middle">seconds since the first call (blue: answered, red: throttled)</text>`);
  parts.push(`<text x="12" y="${pad.top + plotH / 2}" transform="rotate(-90 12 ${pad.top + plotH / 2})" text-anchor="middle">calls per second</text>`);
  parts.push(`<line x1="${pad.left}" x2="${pad.left}" y1="${pad.top}" y2="${y(0)}" stroke="#333"/>`);
  parts.push(`<line x1="${pad.left}" x2="${width - pad.right}" y1="${y(0)}" y2="${y(0)}" stroke="#333"/>`);
  return parts;
}

/**
 * A standalone SVG document of panels stacked top to bottom, one per run.
 * @param {Array<{ bins: Array<{ second: number, calls: number, throttled: number }>, title: string, quota?: number, quotaLabel?: string }>} panels
 * @param {{ width?: number, panelHeight?: number }} [size]
 * @returns {string}
 */
export function callsChart(panels, size = {}) {
  const width = size.width ?? 760;
  const h = size.panelHeight ?? 260;
  const height = h * Math.max(1, panels.length);
  const body = panels.map((p, i) => [`<g transform="translate(0 ${i * h})">`, ...panel(p.bins, p, width, h), "</g>"].join("\n"));
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    ...body,
    "</svg>",
    "",
  ].join("\n");
}
