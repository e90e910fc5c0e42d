import { defineConfig } from "vitest/config";

// Four tiers (see docs/design.md#tests-and-their-oracles): unit is pure; conformance checks the client and the emulator, each on
// its own, against the vendors' facts (test/conformance/facts); contract runs the real client against
// the emulator on loopback; e2e drives the real Pulumi CLI through the Automation API.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
      { test: { name: "conformance", include: ["test/conformance/**/*.test.ts"], testTimeout: 60_000 } },
      { test: { name: "contract", include: ["test/contract/**/*.test.ts"], testTimeout: 60_000 } },
      {
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          testTimeout: 900_000,
          hookTimeout: 900_000,
          // Each file drives the CLI, which is heavy on 2 cores: run files one at a time.
          fileParallelism: false,
        },
      },
    ],
  },
});
