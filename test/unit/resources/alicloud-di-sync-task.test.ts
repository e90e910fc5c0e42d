import { describe, expect, it } from "vitest";
import { UNKNOWN } from "../../../provider/engine/check";
import { check, clientToken, diff } from "../../../provider/resources/alicloud-di-sync-task";
import { offlineScript, offlineTask, realtimeSpec, realtimeTask } from "../../fixtures/dataworks";

type Props = Record<string, unknown>;
const run = (news: Props) => check({}, { __provider: "shim", ...news });
const reasons = (news: Props) => run(news).failures.map((f) => f.reason);
const checked = (news: Props) => {
  const r = run(news);
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const script = (patch: (s: typeof offlineScript) => unknown) => {
  const s = structuredClone(offlineScript);
  patch(s);
  return { ...offlineTask, taskContent: s };
};

describe("DISyncTask check", () => {
  it("accepts the seed's batch script and realtime spec, rendering objects to JSON", () => {
    const o = checked(offlineTask);
    expect(JSON.parse(String(o.taskContent))).toEqual(offlineScript);
    expect(o.desiredStatus).toBeUndefined();
    // A batch task goes to production unless the program says otherwise.
    expect(o.deployTo).toBe("PRODUCTION");
    expect(checked({ ...offlineTask, deployTo: "NONE" }).deployTo).toBe("NONE");
    const r = checked(realtimeTask);
    expect(r.desiredStatus).toBe("RUNNING");
    expect(r.deployTo).toBeUndefined();
    expect(checked({ ...offlineTask, taskContent: JSON.stringify(offlineScript), projectId: "10001" }).projectId).toBe(10001);
  });

  it("rejects a script that is not JSON, quoting the parser", () => {
    // The parser's wording differs between Node releases; the sentence around it does not.
    expect(reasons({ ...offlineTask, taskContent: "{type: job" })).toEqual([
      expect.stringMatching(/^taskContent is not valid JSON \(.*position 1.*\)\. Give the script as JSON text or as an object\.$/),
    ]);
  });

  it("skips a script still unknown at preview", () => {
    expect(run({ ...offlineTask, taskContent: UNKNOWN }).failures).toEqual([]);
  });

  const rejects: Array<[string, Props, string[]]> = [
    [
      "a hop to a step that does not exist",
      script((s) => (s.order.hops[0]!.to = "Writr")),
      ['taskContent order.hops[0].to is "Writr", which is not a step name ("Reader", "Writer"). Name an existing step.'],
    ],
    [
      "two readers and no writer",
      script((s) => (s.steps[1]!.category = "reader")),
      [
        'taskContent steps must have exactly one reader (category "reader"); got 2.',
        'taskContent steps must have exactly one writer (category "writer"); got 0.',
      ],
    ],
    [
      "zero concurrency",
      script((s) => (s.setting.speed.concurrent = 0)),
      ["taskContent setting.speed.concurrent must be a whole number of at least 1 (the number of parallel threads); got 0."],
    ],
    [
      "a negative error limit",
      script((s) => (s.setting.errorLimit.record = "-5")),
      ['taskContent setting.errorLimit.record must be a whole number of dirty records of at least 0 (or "" for no limit); got "-5".'],
    ],
    [
      "a step without a data source",
      script((s) => (s.steps[1]!.parameter.datasource = "")),
      ['taskContent steps["Writer"].parameter must name its datasource (parameter.datasource or connection[].datasource).'],
    ],
    [
      "a realtime spec for a batch task",
      { ...offlineTask, taskContent: realtimeSpec() },
      [
        'taskContent type must be "job" for a DI_OFFLINE task; got "realtime". A batch task\'s script has type job, version 2.0.',
        'taskContent version must be "2.0" for a DI_OFFLINE task; got "1.0".',
        'taskContent order.hops must list at least one hop connecting the steps, e.g. [{"from":"Reader","to":"Writer"}].',
        "taskContent setting.speed.concurrent must be a whole number of at least 1 (the number of parallel threads); got nothing.",
      ],
    ],
    [
      "a realtime writer outside the one-click types",
      { ...realtimeTask, taskContent: realtimeSpec(["orders"], { stepType: "datahub", datasource: "dh", taskType: "oneclick_to_datahub" }) },
      ['taskContent setting.taskType must be one of oneclick_to_odps, oneclick_to_kafka, oneclick_to_holo; got "oneclick_to_datahub".'],
    ],
    [
      "desiredStatus on a batch task",
      { ...offlineTask, desiredStatus: "STOPPED" },
      ['desiredStatus only applies to DI_REALTIME and DI_SOLUTION tasks (a batch task runs on its schedule); got "STOPPED". Remove desiredStatus.'],
    ],
    [
      "deployTo on a realtime task",
      { ...realtimeTask, deployTo: "NONE" },
      ['deployTo only applies to DI_OFFLINE tasks (DeployDISyncTask deploys a realtime task whenever its script changes); got "NONE". Remove deployTo.'],
    ],
    [
      "a deployTo outside the three stages",
      { ...offlineTask, deployTo: "STAGING" },
      ['deployTo must be one of PRODUCTION, DEVELOPMENT, NONE; got "STAGING". Change deployTo to one of these.'],
    ],
    ["a CU that is not a multiple of 0.5", { ...offlineTask, taskParam: { ...offlineTask.taskParam, cu: 1.2 } }, ["taskParam.cu must be a multiple of 0.5"]],
    [
      "an unknown task type",
      { ...offlineTask, taskType: "DI_BATCH" },
      ['taskType must be one of DI_OFFLINE, DI_REALTIME, DI_SOLUTION; got "DI_BATCH". Change taskType to one of these.'],
    ],
  ];
  it.each(rejects)("rejects %s", (_what, news, expected) => {
    expect(reasons(news)).toEqual(expected);
  });
});

describe("DISyncTask diff", () => {
  const state = { ...checked(offlineTask), fileId: 1000001, status: "" };
  it("sees no change for JSON that differs only in key order or formatting", () => {
    const reordered = JSON.stringify(
      { order: offlineScript.order, setting: offlineScript.setting, steps: offlineScript.steps, version: "2.0", type: "job" },
      null,
      2,
    );
    expect(diff("x", state, checked({ ...offlineTask, taskContent: reordered }))).toEqual({ changes: false });
  });
  it("updates the script and the resource group in place", () => {
    expect(diff("x", state, checked(script((s) => (s.setting.speed.concurrent = 4))))).toEqual({ changes: true });
    expect(diff("x", state, checked({ ...offlineTask, taskParam: { ...offlineTask.taskParam, resourceGroup: "Serverless_res_group_demo" } }))).toEqual({
      changes: true,
    });
  });
  it("replaces for a new name, project or folder, deleting first when the name stays", () => {
    expect(diff("x", state, checked({ ...offlineTask, taskName: "renamed" }))).toEqual({ changes: true, replaces: ["taskName"] });
    expect(diff("x", state, checked({ ...offlineTask, taskParam: { ...offlineTask.taskParam, fileFolderPath: "workflow/other/x" } }))).toEqual({
      changes: true,
      replaces: ["taskParam"],
      deleteBeforeReplace: true,
    });
  });
});

describe("DISyncTask diff of a batch task's deployment", () => {
  const state = { ...checked(offlineTask), fileId: 1000001, status: "", commitStatus: 1, fileVersion: 1, deployedVersion: 1 };
  it("updates in place when the recorded stage falls short of deployTo (a failed deployment, or state from before deployTo)", () => {
    expect(diff("x", { ...state, deployTo: "DEVELOPMENT" }, checked(offlineTask))).toEqual({ changes: true });
    const { deployTo: _d, commitStatus: _c, fileVersion: _f, deployedVersion: _v, ...older } = state as Record<string, unknown>;
    expect(diff("x", older, checked(offlineTask))).toEqual({ changes: true });
    expect(diff("x", state, checked({ ...offlineTask, deployTo: "NONE" }))).toEqual({ changes: true });
  });
});

describe("DISyncTask diff of a realtime specification", () => {
  const state = { ...checked(realtimeTask), fileId: 1000002, status: "RUN" };
  it("updates the reader's table selection in place (what GenerateDISyncTaskConfigForUpdating takes)", () => {
    expect(diff("x", state, checked({ ...realtimeTask, taskContent: realtimeSpec(["orders", "refunds"]) }))).toEqual({ changes: true });
  });
  it("replaces for any other change of the specification, deleting first when the name stays", () => {
    const toKafka = realtimeSpec(["orders"], { stepType: "kafka", datasource: "kafka_orders", taskType: "oneclick_to_kafka" });
    expect(diff("x", state, checked({ ...realtimeTask, taskContent: toKafka }))).toEqual({
      changes: true,
      replaces: ["taskContent"],
      deleteBeforeReplace: true,
    });
  });
});

describe("ClientToken", () => {
  it("is the same for the same request, different otherwise, and at most 64 characters", () => {
    const a = clientToken("CreateDISyncTask", { TaskName: "a", TaskContent: "{}" });
    expect(a).toBe(clientToken("CreateDISyncTask", { TaskName: "a", TaskContent: "{}" }));
    expect(a).not.toBe(clientToken("CreateDISyncTask", { TaskName: "b", TaskContent: "{}" }));
    expect(a).not.toBe(clientToken("CreateDISyncTask", { TaskName: "a", TaskContent: "{}" }, 1));
    expect(a.length).toBeLessThanOrEqual(64);
  });
});
