/**
 * The real clients the contract tests drive against an in-process emulator: demo settings for the
 * emulator's URL and a fast retry policy, so a test that rides out faults stays well inside its
 * time bound. One place, so every contract file builds its clients the same way.
 */
import { dataworks } from "../../provider/apis/alibaba-dataworks";
import { gpdb } from "../../provider/apis/alibaba-gpdb";
import { AlibabaRpcClient } from "../../provider/clients/alibaba";
import { HuaweiClient } from "../../provider/clients/huawei";
import { DEMO_REGION_ID, type RunningEmulator, demoAlibabaSettings, demoHuaweiSettings } from "../../emulator";

export type RetryPolicy = { maxAttempts: number; baseDelayMs: number; maxDelayMs: number };

/** Four attempts, 20 to 100 ms apart: faults are ridden out in well under a second. */
export const FAST_RETRY: RetryPolicy = { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 100 };

/** The gpdb (AnalyticDB) client on the emulator, in the demo region. */
export const gpdbClient = (url: string, retry: RetryPolicy = FAST_RETRY) =>
  new AlibabaRpcClient(gpdb, { settings: demoAlibabaSettings(url, 200), region: DEMO_REGION_ID, retry });

/** The DataWorks client on the emulator, in the demo region. */
export const dataworksClient = (url: string, retry: RetryPolicy = FAST_RETRY) =>
  new AlibabaRpcClient(dataworks, { settings: demoAlibabaSettings(url, 500), region: DEMO_REGION_ID, retry });

/** A Huawei Cloud client (EventGrid `eg` or DIS `dis`) on the emulator. */
export const huaweiClient = (service: "eg" | "dis", url: string, retry: RetryPolicy = FAST_RETRY) =>
  new HuaweiClient(service, { settings: demoHuaweiSettings(url, 500), retry });

/** The requests for `action` the emulator answered since `mark` (its request-log sequence). */
export const answered = (emu: Pick<RunningEmulator, "requests">, mark: number, action: string) => emu.requests(mark).filter((r) => r.action === action);
