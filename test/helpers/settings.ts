/**
 * Provider settings tests: each test starts from no credentials in the environment and no stack
 * config, so one test's settings never leak into the next (the provider reads process.env).
 */
import { afterEach, beforeEach } from "vitest";
import { setConfigSource } from "../../provider/settings";

/** Clears the environment variables `names` and the stack config before each test, restoring both after it. */
export function isolateSettings(names: readonly string[]): void {
  let saved: Record<string, string | undefined> = {};
  beforeEach(() => {
    saved = Object.fromEntries(names.map((k) => [k, process.env[k]]));
    for (const k of names) delete process.env[k];
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved))
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    setConfigSource(undefined);
  });
}

/** Stack config holding exactly `values`, as `pulumi config` would hand them to the provider. */
export const config = (values: Record<string, string>) => setConfigSource({ get: (k) => values[k] });
