#!/usr/bin/env node
// `npm run demo`: start the emulator (state kept in .streamjobs/), run `pulumi up` on the root
// program (every resource, both clouds) through the real CLI with a local file backend and the policy pack, then
// show the jobs as the emulator reports them. Run it again: no changes. `npm run demo -- destroy` tears everything down.
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { ensurePulumiCli } from "./lib/pulumi-cli.mjs";
import { stackEnv } from "./lib/stack-env.mjs";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const stateDir = join(root, ".streamjobs");
const say = (m) => process.stdout.write(`\n==> ${m}\n`);
const destroy = process.argv.includes("destroy");

mkdirSync(stateDir, { recursive: true });
const passphraseFile = join(stateDir, "passphrase");
if (!existsSync(passphraseFile)) writeFileSync(passphraseFile, randomBytes(24).toString("base64url"), { mode: 0o600 });

const cli = await ensurePulumiCli({ log: (m) => process.stderr.write(`${m}\n`) });
say(`Pulumi CLI ${cli.version} (${cli.source})`);

// The package's own build is what the provider process loads; `npm run demo` builds it first.
if (!existsSync(join(root, "dist", "emulator", "cli.js"))) {
  console.error("dist/ is missing: run `npm run build` first.");
  process.exit(1);
}
const {
  DEMO_ACCESS_KEY_ID,
  DEMO_ACCESS_KEY_SECRET,
  DEMO_DB_ACCOUNT,
  DEMO_REGION_ID,
  DEMO_HUAWEI_ACCESS_KEY,
  DEMO_HUAWEI_SECRET_KEY,
  DEMO_HUAWEI_REGION,
  DEMO_HUAWEI_PROJECT_ID,
  DEMO_DWS_USER,
  demoAlibabaSettings,
  demoHuaweiSettings,
} = await import("../dist/emulator/index.js");

// Pulumi runs refresh and destroy with the provider config recorded at the last update, so the
// endpoint must not move between runs: the first run takes a free port and later runs reuse it.
const portFile = join(stateDir, "emulator-port");
const port = existsSync(portFile) ? readFileSync(portFile, "utf8").trim() : "0";
say("Starting the cloud emulator (state in .streamjobs/emulator-state.json)");
const emulator = spawn(process.execPath, [join(root, "dist", "emulator", "cli.js"), "--port", port, "--state", join(stateDir, "emulator-state.json")], {
  stdio: ["ignore", "pipe", "pipe"],
});
emulator.stderr.on("data", () => {}); // request log; kept out of the demo's output
const endpoint = await new Promise((resolve, reject) => {
  const lines = createInterface({ input: emulator.stdout });
  lines.on("line", (l) => {
    const m = /listening on (http:\/\/\S+)/.exec(l);
    if (m) resolve(m[1]);
  });
  emulator.on("exit", (code) => reject(new Error(`the emulator exited early (code ${code})`)));
});
console.log(`emulator: ${endpoint}`);
writeFileSync(portFile, new URL(endpoint).port);

const stopEmulator = () => emulator.kill("SIGTERM");
process.on("exit", stopEmulator);

try {
  const { LocalWorkspace, PulumiCommand } = await import("@pulumi/pulumi/automation/index.js");
  const pulumiCommand = await PulumiCommand.get({ root: dirname(cli.binDir), skipVersionCheck: false });
  const envVars = stackEnv({ binDir: cli.binDir, stateDir, passphraseFile });
  const stack = await LocalWorkspace.createOrSelectStack({ stackName: "dev", workDir: root }, { pulumiCommand, envVars });
  await stack.setAllConfig({
    "streamjobs:endpoint": { value: endpoint },
    "alicloud:region": { value: DEMO_REGION_ID },
    "alicloud:accessKey": { value: DEMO_ACCESS_KEY_ID },
    "alicloud:secretKey": { value: DEMO_ACCESS_KEY_SECRET, secret: true },
    dbPassword: { value: DEMO_DB_ACCOUNT.password, secret: true },
    "huaweicloud:region": { value: DEMO_HUAWEI_REGION },
    "huaweicloud:projectId": { value: DEMO_HUAWEI_PROJECT_ID },
    "huaweicloud:accessKey": { value: DEMO_HUAWEI_ACCESS_KEY },
    "huaweicloud:secretKey": { value: DEMO_HUAWEI_SECRET_KEY, secret: true },
    dwsPassword: { value: DEMO_DWS_USER.password, secret: true },
  });
  // The policy pack reviews every up, as it reviews previews in pull requests (dev: advisory).
  const policy = { policyPacks: [join(root, "policy")], policyPackConfigs: [join(root, "policy", "config", "dev.json")] };
  const onOutput = (s) => process.stdout.write(s);

  if (destroy) {
    say("pulumi destroy");
    await stack.destroy({ onOutput });
    say("Destroyed. The emulator's state file and the file backend stay in .streamjobs/ (delete the folder to start over).");
  } else {
    say("pulumi up (with the streamjobs policy pack, dev configuration)");
    const up = await stack.up({ onOutput, ...policy });
    const outputs = Object.fromEntries(Object.entries(up.outputs).map(([k, v]) => [k, v.secret ? "[secret]" : v.value]));
    say("Stack outputs");
    console.log(outputs);

    say("The job as the emulator reports it (DescribeStreamingJob, password redacted)");
    const { AlibabaRpcClient } = await import("../dist/provider/clients/alibaba.js");
    const { gpdb } = await import("../dist/provider/apis/alibaba-gpdb.js");
    const { describeForDisplay } = await import("../dist/provider/resources/alicloud-streaming-job.js");
    const client = new AlibabaRpcClient(gpdb, { settings: demoAlibabaSettings(endpoint), region: DEMO_REGION_ID });
    const job = await client.call("DescribeStreamingJob", { DBInstanceId: outputs.dbInstanceId, JobId: Number(outputs.jobId) });
    const { RequestId: _r, ...shown } = describeForDisplay(job);
    console.log(shown);

    say("The replication job as the emulator reports it (ShowEventRouterJob; passwords are never echoed)");
    const { HuaweiClient } = await import("../dist/provider/clients/huawei.js");
    const { eventRouterApi } = await import("../dist/provider/apis/huawei-eg.js");
    const eg = new HuaweiClient("eg", { settings: demoHuaweiSettings(endpoint) });
    const er = await eventRouterApi.show(eg, String(outputs.eventRouterJobId));
    console.log(er);
    say(
      `Job "${job.JobName}" is ${job.Status}; event-stream job "${er.name}" is ${er.status}; ` +
        `the DWS dump task is ${outputs.dwsTaskState}; the realtime DataWorks task is ${outputs.diRealtimeStatus}. ` +
        "Run `npm run demo` again for a no-change update, `npm run demo -- destroy` to tear down.",
    );
  }
} catch (err) {
  console.error(`\ndemo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  stopEmulator();
}
