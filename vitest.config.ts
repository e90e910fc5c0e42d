import { defineConfig } from "vitest/config";

// Three tiers (see DESIGN.md): unit is pure, contract runs the real client against the emulator on
// loopback, e2e drives the real Pulumi CLI through the Automation API.
export default defineConfig({
  test: {
    projects: [
      { test: { name: "unit", include: ["test/unit/**/*.test.ts"] } },
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
