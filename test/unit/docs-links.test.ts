/**
 * Every reference a comment or a doc makes stays inside the repository: no citation of notes a
 * newcomer cannot open (the founders' notes kept outside it, a design note outside docs/), every relative
 * Markdown link names a file that exists, and every `docs/….md#anchor` a comment cites names an
 * existing file and one of its headings.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = resolve(__dirname, "../..");
const SCANNED = ["provider", "emulator", "sdk", "policy", "scripts", "test", "docs", "README.md", "CHANGELOG.md"];
const NEVER_SCANNED_DIRS = new Set(["node_modules", "dist"]);
const TEXT_FILE = /\.(ts|mts|cts|mjs|js|md)$/;

// Built from parts so this file does not cite what it forbids.
const OLD_NOTES = new RegExp(["API", "notes"].join("\\s+"), "i");
const OUTSIDE_DESIGN_NOTE = new RegExp(`(?<!docs/)\\b${["DESIGN", "md"].join("\\.")}\\b`);
const MARKDOWN_LINK = /\[[^\]\n]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g;
const DOCS_REFERENCE = /\bdocs\/[\w./-]+\.md(?:#[\w-]+)?/g;

function filesUnder(rel: string): string[] {
  const abs = join(ROOT, rel);
  if (!existsSync(abs)) return [];
  if (statSync(abs).isFile()) return TEXT_FILE.test(rel) ? [rel] : [];
  return readdirSync(abs, { withFileTypes: true }).flatMap((e) => {
    if (e.isDirectory() && (NEVER_SCANNED_DIRS.has(e.name) || e.name.startsWith("."))) return [];
    return filesUnder(join(rel, e.name));
  });
}

const files = SCANNED.flatMap(filesUnder).map((f) => f.split("\\").join("/"));

const read = (rel: string) => readFileSync(join(ROOT, rel), "utf8");

/** Markdown outside fenced code blocks, where links are links. */
function prose(markdown: string): string {
  return markdown.replace(/^```[\s\S]*?^```/gm, "");
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens, repeats numbered. */
function anchorsOf(markdown: string): Set<string> {
  const seen = new Map<string, number>();
  const anchors = new Set<string>();
  for (const m of prose(markdown).matchAll(/^#{1,6}\s+(.+?)\s*#*\s*$/gm)) {
    const base = m[1]!
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    anchors.add(n === 0 ? base : `${base}-${n}`);
  }
  return anchors;
}

/** What is wrong with a reference to `target` (a path with an optional #anchor), or undefined. */
function brokenTarget(targetPath: string, anchor: string | undefined): string | undefined {
  if (!existsSync(targetPath)) return `${relative(ROOT, targetPath)} does not exist`;
  if (anchor && targetPath.endsWith(".md") && !anchorsOf(readFileSync(targetPath, "utf8")).has(anchor)) {
    return `${relative(ROOT, targetPath)} has no heading #${anchor}`;
  }
  return undefined;
}

describe("references in comments and docs", () => {
  it("scans the repository's sources and docs", () => {
    expect(files).toContain("README.md");
    expect(files).toContain("docs/design.md");
    expect(files.filter((f) => f.startsWith("provider/")).length).toBeGreaterThan(10);
  });

  it("rejects a citation of notes outside the repository", () => {
    const hits = files.flatMap((f) =>
      read(f)
        .split("\n")
        .flatMap((line, i) => (OLD_NOTES.test(line) || OUTSIDE_DESIGN_NOTE.test(line) ? [`${f}:${i + 1}: ${line.trim()}`] : [])),
    );
    expect(hits).toEqual([]);
  });

  it("rejects a relative Markdown link to a file or heading that does not exist", () => {
    const broken = files
      .filter((f) => f.endsWith(".md"))
      .flatMap((f) =>
        [...prose(read(f)).matchAll(MARKDOWN_LINK)].flatMap((m) => {
          const target = m[1]!;
          if (/^[a-z][a-z0-9+.-]*:/i.test(target) || target.startsWith("#")) return [];
          const [path = "", anchor] = target.split("#");
          const problem = brokenTarget(resolve(ROOT, dirname(f), decodeURI(path)), anchor);
          return problem ? [`${f}: (${target}): ${problem}`] : [];
        }),
      );
    expect(broken).toEqual([]);
  });

  it("rejects a docs/….md reference to a file or heading that does not exist", () => {
    const broken = files.flatMap((f) =>
      [...read(f).matchAll(DOCS_REFERENCE)].flatMap((m) => {
        const [path = "", anchor] = m[0].split("#");
        // A link written relative to its own file (../docs/x.md) is checked above; this is the repository-root form.
        if (m.index !== undefined && m.index > 0 && read(f)[m.index - 1] === "/") return [];
        const problem = brokenTarget(resolve(ROOT, path), anchor);
        return problem ? [`${f}: ${m[0]}: ${problem}`] : [];
      }),
    );
    expect(broken).toEqual([]);
  });

  it("finds the headings GitHub makes anchors of", () => {
    expect([...anchorsOf("# A b\n## Signature V3 ACS3-HMAC-SHA256\n## A b\n```\n# not a heading\n```\n")]).toEqual([
      "a-b",
      "signature-v3-acs3-hmac-sha256",
      "a-b-1",
    ]);
  });
});
