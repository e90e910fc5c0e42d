/**
 * The DataWorks (dataworks-public 2020-05-18) action table: what it requires and flags, how the
 * client encodes a call from it, how the router validates one from it, and whether its response
 * schemas accept the vendor's example answers (the seed pages) and reject wrongly typed ones.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  dataworks,
  DI_FAIL,
  DI_PROCESSING,
  diFailure,
  FILE_NOT_FOUND,
  IDEMPOTENT_ACTIONS,
  isUnknownFileMessage,
  TASK_TYPES,
  type DataWorksAction,
} from "../../../provider/apis/alibaba-dataworks";
import { gpdb } from "../../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../../provider/clients/alibaba";
import { parseV3Authorization, sha256Hex } from "../../../provider/transport/alibaba-signature";
import { secretParamNames, validateParams } from "../../../emulator/routers/alibaba-params";
import { failure } from "../../helpers/alibaba-errors";

const FIXTURES = join(__dirname, "../..", "fixtures", "alibaba");
const readJson = (file: string) => JSON.parse(readFileSync(join(FIXTURES, file), "utf8"));

const actions = Object.keys(dataworks.actions) as DataWorksAction[];
const FILE_ACTIONS: DataWorksAction[] = ["GetFile", "ListFiles", "SubmitFile", "DeployFile", "DeleteFile", "GetDeployment"];
const DI_ACTIONS = actions.filter((a) => !FILE_ACTIONS.includes(a));

describe("the dataworks-public table", () => {
  it("names the product, version and regional endpoint", () => {
    expect([dataworks.product, dataworks.version]).toEqual(["dataworks-public", "2020-05-18"]);
    expect(dataworks.endpointHost("cn-shanghai")).toBe("dataworks.cn-shanghai.aliyuncs.com");
    expect(dataworks.endpointHost("")).toBe("dataworks.aliyuncs.com");
  });

  it("holds exactly the actions the DI resource needs", () => {
    expect(actions.sort()).toEqual(
      [
        "CreateDISyncTask",
        "DeleteDISyncTask",
        "DeleteFile",
        "DeployDISyncTask",
        "DeployFile",
        "GenerateDISyncTaskConfigForCreating",
        "GenerateDISyncTaskConfigForUpdating",
        "GetDISyncInstanceInfo",
        "GetDISyncTask",
        "GetDeployment",
        "GetFile",
        "ListFiles",
        "QueryDISyncTaskConfigProcessResult",
        "StartDISyncInstance",
        "StopDISyncInstance",
        "SubmitFile",
        "TerminateDISyncInstance",
        "UpdateDISyncTask",
      ].sort(),
    );
  });

  /** The TaskTypes of each DI action's SDK model (test/conformance/facts/dataworks.json), UpdateDISyncTask's with the realtime reading. */
  const SDK_TASK_TYPES: Record<string, readonly string[]> = {
    CreateDISyncTask: TASK_TYPES,
    UpdateDISyncTask: ["DI_OFFLINE", "DI_REALTIME"],
    GetDISyncTask: ["DI_REALTIME", "DI_SOLUTION"],
    DeleteDISyncTask: ["DI_REALTIME"],
    DeployDISyncTask: ["DI_REALTIME", "DI_SOLUTION"],
    GenerateDISyncTaskConfigForCreating: TASK_TYPES,
    GenerateDISyncTaskConfigForUpdating: TASK_TYPES,
    QueryDISyncTaskConfigProcessResult: TASK_TYPES,
    StartDISyncInstance: ["DI_REALTIME", "DI_SOLUTION"],
    StopDISyncInstance: ["DI_REALTIME"],
    TerminateDISyncInstance: ["DI_REALTIME"],
    GetDISyncInstanceInfo: ["DI_REALTIME", "DI_SOLUTION"],
  };
  it.each(DI_ACTIONS)("requires ProjectId (a long) and TaskType (the SDK model's values) on %s", (action) => {
    const params = dataworks.actions[action].params as Record<string, { type: string; required?: boolean; enum?: readonly string[] }>;
    expect(params.ProjectId).toEqual({ type: "long", required: true });
    expect(params.TaskType?.required).toBe(true);
    expect([...(params.TaskType?.enum ?? [])].sort()).toEqual([...(SDK_TASK_TYPES[action] ?? [])].sort());
  });

  it("lets the file APIs name the project by ProjectId or ProjectIdentifier, neither required, every parameter in the form body", () => {
    for (const action of FILE_ACTIONS) {
      const params = dataworks.actions[action].params as Record<string, { required?: boolean; location?: string }>;
      expect(params.ProjectId?.required).toBeUndefined();
      expect(params.ProjectIdentifier?.required).toBeUndefined();
      for (const [name, p] of Object.entries(params)) expect(p.location, `${action}.${name}`).toBe("form");
    }
    expect(dataworks.actions.DeleteFile.params.FileId).toEqual({ type: "long", required: true, location: "form" });
    expect(dataworks.actions.SubmitFile.params.FileId).toEqual({ type: "long", required: true, location: "form" });
    // DeployFile takes FileId or NodeId, so neither is required.
    expect(dataworks.actions.DeployFile.params.FileId).toEqual({ type: "long", location: "form" });
    expect(dataworks.actions.GetDeployment.params.DeploymentId).toEqual({ type: "long", required: true, location: "form" });
  });

  it("sends no RegionId: the endpoint carries the region", () => {
    for (const action of actions) expect(Object.keys(dataworks.actions[action].params), action).not.toContain("RegionId");
  });

  it("takes a ClientToken on CreateDISyncTask and the two Generate actions only (docs/vendors/dataworks.md#clienttoken)", () => {
    expect([...IDEMPOTENT_ACTIONS].sort()).toEqual(["CreateDISyncTask", "GenerateDISyncTaskConfigForCreating", "GenerateDISyncTaskConfigForUpdating"]);
  });

  it("flags Get*, List* and Query* as read-only and everything else as mutating", () => {
    for (const action of actions) expect(dataworks.actions[action].mutating, action).toBe(!/^(Get|List|Query)/.test(action));
  });

  it("lists not-found codes only where the answer is an error: the file APIs (the DI actions answer in band)", () => {
    for (const action of ["GetFile", "SubmitFile", "DeployFile", "DeleteFile"] as const)
      expect(dataworks.actions[action].notFoundCodes).toEqual([FILE_NOT_FOUND]);
    for (const action of DI_ACTIONS) expect(dataworks.actions[action].notFoundCodes).toEqual([]);
  });

  it("marks no parameter secret, so gpdb's secrets stay the only ones", () => {
    expect([...secretParamNames([gpdb, dataworks])].sort()).toEqual(["JobConfig", "Password"]);
  });
});

describe("validation from the table", () => {
  const create = dataworks.actions.CreateDISyncTask;
  const base = { ProjectId: "10001", TaskType: "DI_OFFLINE", TaskContent: '{"type":"job"}' };

  it("decodes ProjectId to a number and keeps TaskType as sent", () => {
    expect(validateParams("CreateDISyncTask", create, { ...base, TaskType: "di_offline", ClientToken: "t" }, { strict: true })).toEqual({
      ProjectId: 10001,
      TaskType: "di_offline",
      TaskContent: '{"type":"job"}',
      ClientToken: "t",
    });
  });

  it.each([
    ["no ProjectId", { TaskType: "DI_OFFLINE", TaskContent: "{}" }, "MissingProjectId"],
    ["an empty TaskContent", { ...base, TaskContent: "" }, "MissingTaskContent"],
    ["a ProjectId that is not a long", { ...base, ProjectId: "p-1" }, "InvalidParameter"],
    ["a TaskType outside the three", { ...base, TaskType: "DI_STREAM" }, "InvalidParameter"],
    ["a gpdb parameter", { ...base, DBInstanceId: "gp-1" }, "InvalidParameter"],
  ])("rejects %s", (_name, raw, code) => {
    const f = failure(() => validateParams("CreateDISyncTask", create, raw, { strict: true }));
    expect([f.status, f.code]).toEqual([400, code]);
  });

  it("names the allowed task types when one is wrong", () => {
    const f = failure(() => validateParams("GetDISyncTask", dataworks.actions.GetDISyncTask, { ProjectId: "1", TaskType: "X", FileId: "1" }, { strict: true }));
    expect(f.message).toContain("is not one of DI_REALTIME, DI_SOLUTION");
  });
});

describe("the client encodes from the table", () => {
  const settings = {
    accessKeyId: "LTAItest",
    accessKeySecret: "secret-value-never-shown",
    securityToken: undefined,
    region: "cn-shanghai",
    endpoint: undefined,
    maxRequestsPerSecond: 1000,
  };

  it("sends a DI action's parameters in the query but TaskContent in the form body, to the regional DataWorks endpoint", async () => {
    const sent: Array<{ url: string; headers: Record<string, string>; body: string }> = [];
    const fetch = (async (url: URL | string, init?: RequestInit) => {
      sent.push({ url: String(url), headers: init?.headers as Record<string, string>, body: String(init?.body ?? "") });
      return new Response(JSON.stringify({ RequestId: "R1", Success: true, Data: { Status: "success", FileId: 1000001 } }), { status: 200 });
    }) as typeof globalThis.fetch;
    const client = new AlibabaRpcClient(dataworks, { settings, region: "cn-shanghai", fetch });
    const content = JSON.stringify({ type: "job", steps: [] });
    const body = await client.call("CreateDISyncTask", {
      ProjectId: 10000,
      TaskType: "DI_OFFLINE",
      TaskName: "new di task",
      TaskContent: content,
      ClientToken: "tok",
    });
    expect((body.Data as { FileId: number }).FileId).toBe(1000001);
    const req = sent[0]!;
    const url = new URL(req.url);
    expect(url.origin).toBe("https://dataworks.cn-shanghai.aliyuncs.com");
    expect(Object.fromEntries(url.searchParams)).toEqual({ ProjectId: "10000", TaskType: "DI_OFFLINE", TaskName: "new di task", ClientToken: "tok" });
    const form = new URLSearchParams(req.body);
    expect(Object.fromEntries(form)).toEqual({ TaskContent: content });
    expect(req.headers["x-acs-version"]).toBe("2020-05-18");
    expect(req.headers["x-acs-action"]).toBe("CreateDISyncTask");
    expect(req.headers["x-acs-content-sha256"]).toBe(sha256Hex(req.body));
    expect(parseV3Authorization(req.headers.authorization!)?.signedHeaders).toContain("content-type");
  });

  it("refuses a parameter the action does not define before sending anything", async () => {
    const client = new AlibabaRpcClient(dataworks, { settings, region: "cn-shanghai", fetch: (() => Promise.reject(new Error("not called"))) as never });
    await expect(client.call("GetDISyncTask", { ProjectId: 1, TaskType: "DI_REALTIME", FileId: 1, TaskId: 1 })).rejects.toThrow(
      "GetDISyncTask has no parameter TaskId",
    );
  });
});

describe("response schemas", () => {
  it("accept the seed pages' example answers", () => {
    const create = readJson("dataworks-create-di-sync-task.response.json");
    expect(dataworks.actions.CreateDISyncTask.response.parse(create)).toMatchObject({ Data: { FileId: 1000001 } });
    // The Generate page's example says Status "true" where the text says success|fail: the schema takes any string.
    const generate = readJson("dataworks-generate-config-for-creating.response.json");
    expect(dataworks.actions.GenerateDISyncTaskConfigForCreating.response.parse(generate)).toMatchObject({ Data: { ProcessId: 10 } });
  });

  it.each(["SubmitFile", "DeployFile", "DeleteFile", "GetDeployment"] as const)("accept the vendor's example answer of %s", (action) => {
    const { RequestId: _id, ...example } = readJson("dataworks-file-api-examples.json")[action];
    expect(dataworks.actions[action].response.parse(example)).toEqual(example);
  });

  it("accept the in-band failure form and the pending process, and diFailure tells them apart", () => {
    const fail = { Success: true, Data: { Status: DI_FAIL, Message: "fileId:[100] is invalid." } };
    const pending = { Success: true, Data: { Status: DI_PROCESSING } };
    for (const action of DI_ACTIONS) expect(dataworks.actions[action].response.safeParse(fail).success, action).toBe(true);
    expect(dataworks.actions.QueryDISyncTaskConfigProcessResult.response.parse(pending)).toEqual(pending);
    expect(diFailure(fail)).toBe("fileId:[100] is invalid.");
    expect(diFailure(pending)).toBeUndefined();
    expect(diFailure({ Data: { Status: "success", Message: "Invalid path: Business Flow/xxxx/Data Integration" } })).toBeUndefined();
    expect(diFailure({ Data: { Status: "fail" } })).toBe("the DI action failed without a message");
    expect(diFailure({ Data: { Status: "fail", Message: null } })).toBe("the DI action failed without a message");
  });

  it("recognise the DI actions' not-found message", () => {
    expect(isUnknownFileMessage("fileId:[100] is invalid.")).toBe(true);
    expect(isUnknownFileMessage("ResourceGroup:[S_res_group_XXX] is invalid.")).toBe(false);
    expect(isUnknownFileMessage(undefined)).toBe(false);
  });

  it.each([
    ["a FileId sent as a string", "CreateDISyncTask", { Success: true, Data: { Status: "success", FileId: "1000001" } }],
    ["no Success", "CreateDISyncTask", { Data: { Status: "success", FileId: 1 } }],
    ["no Data", "GetDISyncTask", { Success: true }],
    ["a File without FileId", "GetFile", { Success: true, Data: { File: { FileName: "x", FileType: 23, CommitStatus: 0 } } }],
    ["a DeploymentId sent as a string", "DeleteFile", { Success: true, DeploymentId: "1000000001" }],
    ["a SubmitFile deployment id sent as a string", "SubmitFile", { Success: true, Data: "3000001" }],
    ["a DeployFile answer without its deployment id", "DeployFile", { Success: true }],
    ["a deployment whose Status is a string", "GetDeployment", { Success: true, Data: { Deployment: { Status: "1" } } }],
  ])("reject %s", (_name, action, body) => {
    expect(dataworks.actions[action as DataWorksAction].response.safeParse(body).success).toBe(false);
  });
});
