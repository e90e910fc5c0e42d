// Environment for driving the real Pulumi CLI offline with a local file backend. Shared by the
// demo and the e2e tests so both run the engine the same way.
import { mkdirSync } from "node:fs";
import { delimiter, join } from "node:path";

/**
 * @param {{ binDir: string, stateDir: string, passphrase?: string, passphraseFile?: string }} o
 * @returns {Record<string, string>}
 */
export function stackEnv(o) {
  const backend = join(o.stateDir, "backend");
  const home = join(o.stateDir, "pulumi-home");
  mkdirSync(backend, { recursive: true });
  mkdirSync(home, { recursive: true });
  const env = {
    PATH: `${o.binDir}${delimiter}${process.env.PATH ?? ""}`,
    PULUMI_BACKEND_URL: `file://${backend}`,
    PULUMI_HOME: home,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "false",
  };
  if (o.passphraseFile) env.PULUMI_CONFIG_PASSPHRASE_FILE = o.passphraseFile;
  else env.PULUMI_CONFIG_PASSPHRASE = o.passphrase ?? "";
  return env;
}
