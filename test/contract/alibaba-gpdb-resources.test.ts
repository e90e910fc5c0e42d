/**
 * The real client and the resource handlers against the emulator over loopback, without Pulumi:
 * create/read/update/delete with waits, drift realignment, partial failure, retries under faults,
 * and create idempotency after ambiguous failures.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as service from "../../provider/resources/alicloud-streaming-data-service";
import * as source from "../../provider/resources/alicloud-streaming-data-source";
import * as job from "../../provider/resources/alicloud-streaming-job";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { basicJob, professionalYaml } from "../fixtures/streaming-job";
import { queueFault } from "../helpers/emulator";

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof gpdb>;
let dataSourceId: string;
const INSTANCE = "gp-demo00000000001";
const quiet = { log: () => {} };

const checked = <T extends { check: (o: Record<string, unknown>, n: Record<string, unknown>) => { inputs: Record<string, unknown>; failures: unknown[] } }>(
  m: T,
  news: Record<string, unknown>,
) => {
  const r = m.check({}, news);
  expect(r.failures).toEqual([]);
  return r.inputs;
};

async function jobsNamed(name: string): Promise<number> {
  const r = await client.call("ListStreamingJobs", { DBInstanceId: INSTANCE, PageSize: 100 });
  return (r.JobItems as Array<{ JobName: string }>).filter((j) => j.JobName === name).length;
}

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 150, ...quiet });
  client = new AlibabaRpcClient(gpdb, {
    settings: demoAlibabaSettings(emu.url, 200),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 },
  });
  const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc", serviceSpec: 2 }), client);
  const src = await source.create(
    checked(source, {
      dbInstanceId: INSTANCE,
      serviceId: svc.outs.serviceId,
      dataSourceName: "contract-src",
      dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
    }),
    client,
  );
  expect(src.outs.status).toBe("running");
  dataSourceId = String(src.outs.dataSourceId);
});
afterAll(async () => emu?.close());

describe("StreamingJob handlers against the emulator", () => {
  it("creates a basic job, waits for Running, reads it back without phantom drift, updates and deletes it", async () => {
    const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-basic", writeMode: "merge" });
    const { id, outs } = await job.create(inputs, client);
    expect(id).toMatch(/^gp-demo00000000001:\d+$/);
    expect(outs).toMatchObject({ status: "Running", jobName: "contract-basic", region: DEMO_REGION_ID });

    // The service echoes the case it was given and the password in plain text: read must not
    // report either as drift, and returns inputs equal to the program's.
    const read = await job.read(id, outs, client);
    expect(read.inputs).toEqual(Object.fromEntries(Object.entries(inputs).filter(([k]) => k !== "__provider")));

    const news = { ...inputs, errorLimitCount: 77 };
    expect(job.diff(id, outs, news)).toEqual({ changes: true });
    const updated = await job.update(id, outs, news, client);
    expect(updated.outs.status).toBe("Running");
    expect((await client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(outs.jobId) })).ErrorLimitCount).toBe(77);

    await job.remove(id, updated.outs, client);
    expect(await job.read(id, updated.outs, client)).toEqual({});
    await expect(job.remove(id, updated.outs, client)).resolves.toBeUndefined();
  });

  it("creates a professional-mode job from the seed YAML and keeps the user's formatting on read", async () => {
    const yaml = `# orders pipeline\n${professionalYaml}`;
    const inputs = checked(job, { dbInstanceId: INSTANCE, dataSourceId, jobName: "contract-professional", mode: "professional", jobConfig: yaml });
    const { id, outs } = await job.create(inputs, client);
    expect(outs.status).toBe("Running");
    const read = await job.read(id, outs, client);
    expect(read.inputs?.jobConfig).toBe(yaml);
    await job.remove(id, outs, client);
  });

  it("reports drift made behind its back as realigned inputs", async () => {
    const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-drift" });
    const { id, outs } = await job.create(inputs, client);
    await client.call("ModifyStreamingJob", {
      DBInstanceId: INSTANCE,
      JobId: Number(outs.jobId),
      ErrorLimitCount: 5,
      WriteMode: "INSERT",
      MatchColumns: [],
      UpdateColumns: [],
    });
    const read = await job.read(id, outs, client);
    expect(read.inputs).toMatchObject({ errorLimitCount: 5, writeMode: "INSERT" });
    expect(read.inputs?.matchColumns).toBeUndefined();
    expect(job.diff(id, read.props ?? {}, inputs)).toEqual({ changes: true });
    await job.remove(id, outs, client);
  });

  it("fails a job that lands in Exception in the partial-failure form, with its id and reason", async () => {
    const inputs = checked(job, { ...basicJob, dataSourceId, jobName: "contract-exception", destDatabase: "missing_db" });
    const err = (await job.create(inputs, client).catch((e: unknown) => e)) as Error & {
      id?: string;
      properties?: Record<string, unknown>;
      reasons?: string[];
    };
    expect(err.id).toMatch(/^gp-demo00000000001:\d+$/);
    expect(err.properties).toMatchObject({ status: "Exception", jobName: "contract-exception" });
    expect(err.message).toMatch(/was created but is not healthy: it is in Exception: .+/);
    expect(err.message).not.toContain("Demo#Pass123");
    await job.remove(String(err.id), err.properties ?? {}, client);
  });

  it("fails a data source whose brokers are unreachable in the partial-failure form", async () => {
    const svc = await client.call("ListStreamingDataServices", { DBInstanceId: INSTANCE, PageSize: 100 });
    const serviceId = (svc.ServiceItems as Array<{ ServiceId: string }>)[0]?.ServiceId;
    const inputs = checked(source, {
      dbInstanceId: INSTANCE,
      serviceId,
      dataSourceName: "contract-unreachable",
      dataSourceConfig: '{"brokers":"10.9.9.9:9092","topic":"t"}',
    });
    const err = (await source.create(inputs, client).catch((e: unknown) => e)) as Error & { id?: string; properties?: Record<string, unknown> };
    expect(err.id).toBeDefined();
    expect(err.properties?.status).toBe("exception");
    await source.remove(String(err.id), err.properties ?? {}, client);
  });

  it("retries throttling on create and makes exactly one job", async () => {
    await queueFault(emu, { action: "CreateStreamingJob", kind: "throttle", times: 2 });
    const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-throttled" }), client);
    expect(await jobsNamed("contract-throttled")).toBe(1);
    await job.remove(id, outs, client);
  });

  it.each(["5xx", "drop"])("never duplicates a job when create gets an ambiguous %s answer", async (kind) => {
    const name = `contract-ambiguous-${kind}`;
    await queueFault(emu, { action: "CreateStreamingJob", kind, times: 1 });
    const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: name }), client);
    expect(outs.status).toBe("Running");
    expect(await jobsNamed(name)).toBe(1);
    await job.remove(id, outs, client);
  });

  it("adopts a job created elsewhere and brings it to the declared configuration", async () => {
    const made = await client.call("CreateStreamingJob", {
      DBInstanceId: INSTANCE,
      DataSourceId: dataSourceId,
      JobName: "contract-adopted",
      Account: "etl",
      Password: "Demo#Pass123",
      DestDatabase: "analytics",
      DestTable: "orders",
      SrcColumns: ["id"],
      DestColumns: ["id"],
      ErrorLimitCount: 1,
    });
    const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-adopted", adopt: true }), client);
    expect(id).toBe(`${INSTANCE}:${made.JobId}`);
    expect(outs.status).toBe("Running");
    expect((await client.call("DescribeStreamingJob", { DBInstanceId: INSTANCE, JobId: Number(made.JobId) })).ErrorLimitCount).toBe(basicJob.errorLimitCount);
    expect(await jobsNamed("contract-adopted")).toBe(1);
    await job.remove(id, outs, client);
  });

  it("reads a job by id alone, as StreamingJob.get does", async () => {
    const { id, outs } = await job.create(checked(job, { ...basicJob, dataSourceId, jobName: "contract-get" }), client);
    const got = await job.read(id, { __provider: "shim" }, client);
    expect(got.props).toMatchObject({ jobName: "contract-get", dbInstanceId: INSTANCE, dataSourceId, status: "Running", writeMode: "MERGE" });
    await job.remove(id, outs, client);
  });
});

describe("StreamingDataService and StreamingDataSource handlers against the emulator", () => {
  it("fails to delete a data service a data source still uses, with the service's in-band reason, then deletes it once free", async () => {
    const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc-in-use", serviceSpec: "2" }), client);
    const src = await source.create(
      checked(source, {
        dbInstanceId: INSTANCE,
        serviceId: svc.outs.serviceId,
        dataSourceName: "contract-src-in-use",
        dataSourceConfig: { brokers: "192.168.0.10:9092", topic: "orders" },
      }),
      client,
    );
    // DeleteStreamingDataService answers HTTP 200 with Status false (the SDK's model): an error, not a wait until timeout.
    const err = (await service.remove(svc.id, svc.outs, client).catch((e: unknown) => e)) as Error;
    expect(err).toBeInstanceOf(Error);
    expect(err.message).toMatch(
      /^gpdb DeleteStreamingDataService failed: Status:false: StreamingDataService "contract-svc-in-use" \(.+\) was not deleted: .+ \(HTTP 200, request id [0-9A-F-]{36}\)$/,
    );
    expect((await service.read(svc.id, svc.outs, client)).id).toBe(svc.id);
    await source.remove(src.id, src.outs, client);
    await service.remove(svc.id, svc.outs, client);
    expect(await service.read(svc.id, svc.outs, client)).toEqual({});
  });

  it("reads a config the service holds under broker_list as no drift from the same brokers under brokers", async () => {
    const svc = await service.create(checked(service, { dbInstanceId: INSTANCE, serviceName: "contract-svc-keys", serviceSpec: "2" }), client);
    const inputs = checked(source, {
      dbInstanceId: INSTANCE,
      serviceId: svc.outs.serviceId,
      dataSourceName: "contract-src-keys",
      dataSourceConfig: { brokers: "192.168.0.10:9092,192.168.0.11:9092", topic: "orders" },
    });
    const { id, outs } = await source.create(inputs, client);
    expect(JSON.parse(String(inputs.dataSourceConfig))).toHaveProperty("brokers");
    // The SDK's Create example spells the key broker_list: the same list written that way behind our back.
    await client.call("ModifyStreamingDataSource", {
      DBInstanceId: INSTANCE,
      DataSourceId: String(outs.dataSourceId),
      DataSourceConfig: '{"broker_list":"192.168.0.10:9092,192.168.0.11:9092","topic":"orders"}',
    });
    const read = await source.read(id, outs, client);
    expect(read.inputs?.dataSourceConfig).toBe(inputs.dataSourceConfig);
    expect(source.diff(id, read.props ?? {}, inputs)).toEqual({ changes: false });
    await source.remove(id, outs, client);
    await service.remove(svc.id, svc.outs, client);
  });
});
