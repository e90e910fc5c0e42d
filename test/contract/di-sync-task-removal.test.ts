/**
 * Removing each optional input of a DISyncTask from the program, against the emulator: create with
 * it set, preview and update with it removed, then judge the recorded wire requests (no empty
 * value ever sent) and what the emulator holds. One case table. The expected values are not the
 * provider's field table: deployTo and desiredStatus are provider inputs whose defaults are the
 * SDK's documented `@default` (PRODUCTION, RUNNING); startParam and taskParam.cu have no
 * documented default in any vendor source (test/conformance/facts/dataworks.json: StartDISyncInstance
 * StartParam and the TaskParam Cu key carry none), so what the task has is kept. regionId is not
 * here: it picks the endpoint, and changing or removing it replaces the task.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import * as task from "../../provider/resources/alicloud-di-sync-task";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, startEmulator } from "../../emulator";
import { PROJECT_ID, offlineScript, offlineTask, realtimeTask } from "../fixtures/dataworks";
import { control, lastSeq } from "../helpers/emulator";

type Props = Record<string, unknown>;

let emu: RunningEmulator;
let client: AlibabaRpcClient<typeof dataworks>;
let seq = 0;

beforeAll(async () => {
  emu = await startEmulator({ settleMs: 50, log: () => {} });
  client = new AlibabaRpcClient(dataworks, {
    settings: demoAlibabaSettings(emu.url, 500),
    region: DEMO_REGION_ID,
    retry: { maxAttempts: 4, baseDelayMs: 10, maxDelayMs: 50 },
  });
});
afterAll(async () => emu?.close());

const checked = (news: Props) => {
  const r = task.check({}, { timeoutSeconds: 20, ...news });
  expect(r.failures).toEqual([]);
  return r.inputs;
};
const fileIdOf = (id: string) => Number(id.split(":")[2]);
/** The emulator's record of the task. */
const stored = async (id: string) =>
  (await control(emu.url, "GET", "/state")).json.collections["alibaba.dataworks.files"][`${PROJECT_ID}/${fileIdOf(id)}`] as Props;
const READS = /^(Get|List|Query)/;

const otherScript = { ...offlineScript, setting: { ...offlineScript.setting, speed: { concurrent: 3, throttle: false } } };

interface RemovalCase {
  readonly field: string;
  /** The program with the field set. */
  readonly set: Props;
  /** The same program without it (and anything else the case changes alongside). */
  readonly removed: Props;
  /** What the task holds afterwards, from the emulator's record. */
  readonly holds: (record: Props) => void;
  /** Whether the removal alone is a change (kept fields are not). */
  readonly changes: boolean;
}

const offlineBase: Props = offlineTask;
const CASES: readonly RemovalCase[] = [
  {
    field: "deployTo (reset: PRODUCTION, the SDK's @default)",
    set: { ...offlineBase, deployTo: "NONE" },
    removed: offlineBase,
    changes: true,
    holds: (r) => expect(r).toMatchObject({ committedVersion: r.version, productionVersion: r.version }),
  },
  {
    field: "desiredStatus (reset: RUNNING, the SDK's @default)",
    set: { ...realtimeTask, desiredStatus: "STOPPED" },
    removed: realtimeTask,
    changes: true,
    holds: (r) => expect((r.instance as Props).state).toBe("RUN"),
  },
  {
    field: "startParam (kept: no documented default)",
    set: { ...realtimeTask, startParam: { failoverLimit: { count: 10, interval: 30 } } },
    removed: realtimeTask,
    changes: false,
    holds: (r) => expect((r.instance as Props).state).toBe("RUN"),
  },
  {
    field: "taskParam.cu (kept: no documented default), removed alone",
    set: { ...offlineBase, taskParam: { ...offlineTask.taskParam, cu: 2 } },
    removed: offlineBase,
    changes: false,
    holds: (r) => expect(r).toMatchObject({ cu: 2 }),
  },
  {
    field: "taskParam.cu (kept: no documented default), removed alongside a script change",
    set: { ...offlineBase, taskParam: { ...offlineTask.taskParam, cu: 2 } },
    removed: { ...offlineBase, taskContent: otherScript },
    changes: true,
    holds: (r) => expect(r).toMatchObject({ cu: 2, content: JSON.stringify(otherScript) }),
  },
];

describe("DISyncTask: removing an optional input", () => {
  it.each(CASES)("$field", async (c) => {
    const name = `removal_${++seq}`;
    const olds = checked({ ...c.set, taskName: name });
    const made = await task.create(olds, client);
    const news = checked({ ...c.removed, taskName: name });
    const diff = task.diff(made.id, made.outs, news);
    expect(diff.changes).toBe(c.changes);
    expect(diff).not.toHaveProperty("replaces");
    const mark = lastSeq(emu);
    const outs = diff.changes ? (await task.update(made.id, made.outs, news, client)).outs : made.outs;
    const writes = emu.requests(mark).filter((r) => !READS.test(String(r.action)));
    if (!c.changes) expect(writes).toEqual([]);
    for (const w of writes)
      expect(
        Object.entries(w.params).filter(([, v]) => v === ""),
        String(w.action),
      ).toEqual([]);
    const updates = writes.filter((w) => w.action === "UpdateDISyncTask");
    for (const u of updates) expect(JSON.parse(String(u.params.TaskParam))).not.toHaveProperty("Cu");
    c.holds(await stored(made.id));
    // And nothing is left to do: the next preview is clean.
    expect(task.diff(made.id, outs, news).changes).toBe(false);
    await task.remove(made.id, outs, client);
  });
});
