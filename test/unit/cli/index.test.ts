/**
 * The `streamjobs` command's argument parsing and how it locates the program and the repository.
 */
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { main, parseReviewArgs, programFile, repositoryRoot } from "../../../cli/index";

describe("parseReviewArgs", () => {
  it("takes repeated stacks and environment=file policy configs, resolving paths", () => {
    const args = parseReviewArgs(
      [
        "--stack",
        "dev",
        "--stack",
        "acme/shop/prod",
        "--cwd",
        "infra",
        "--policy-pack",
        "pack",
        "--policy-config",
        "prod=cfg/p.json",
        "--markdown",
        "out.md",
        "--sarif",
        "out.sarif",
      ],
      "/default/pack",
    );
    expect(args).toEqual({
      stacks: ["dev", "acme/shop/prod"],
      cwd: resolve("infra"),
      policyPack: resolve("pack"),
      policyConfigs: { prod: resolve("cfg/p.json") },
      markdown: resolve("out.md"),
      sarif: resolve("out.sarif"),
    });
  });

  it("defaults to the current directory and the given pack, with no output files", () => {
    expect(parseReviewArgs(["--stack", "dev"], "/default/pack")).toEqual({
      stacks: ["dev"],
      cwd: resolve("."),
      policyPack: "/default/pack",
      policyConfigs: {},
    });
  });

  it("rejects no stack, a malformed mapping, an unknown option and a stray argument", () => {
    expect(() => parseReviewArgs([], "/p")).toThrow(/at least one --stack/);
    expect(() => parseReviewArgs(["--stack", "dev", "--policy-config", "dev"], "/p")).toThrow(/ENV=FILE/);
    expect(() => parseReviewArgs(["--stack", "dev", "--policy-config", "=x.json"], "/p")).toThrow(/ENV=FILE/);
    expect(() => parseReviewArgs(["--stack", "dev", "--colour"], "/p")).toThrow(/--colour/);
    expect(() => parseReviewArgs(["--stack", "dev", "extra"], "/p")).toThrow(/unexpected argument extra/);
  });

  it("exits 2 with the usage for an unknown subcommand, 0 for --help", async () => {
    await expect(main(["deploy"])).resolves.toBe(2);
    await expect(main(["--help"])).resolves.toBe(0);
  });
});

describe("locating the program", () => {
  const repo = mkdtempSync(join(tmpdir(), "review-repo-"));
  mkdirSync(join(repo, ".git"));
  mkdirSync(join(repo, "infra", "src"), { recursive: true });
  writeFileSync(join(repo, "infra", "src", "main.ts"), "");
  writeFileSync(join(repo, "infra", "index.js"), "");

  it("uses Pulumi.yaml's main as a file, a folder's index, else the project's index", () => {
    expect(programFile(join(repo, "infra"), "src/main.ts")).toBe(join(repo, "infra", "src", "main.ts"));
    expect(programFile(join(repo, "infra"), undefined)).toBe(join(repo, "infra", "index.js"));
    expect(programFile(join(repo, "infra"), "src")).toBe(join(repo, "infra", "src", "index.ts"));
  });

  it("finds the repository root above the project", () => {
    expect(repositoryRoot(join(repo, "infra", "src"))).toBe(repo);
  });
});
