/**
 * A DIS stream made through the DisStream handler, for the contract tests of the DIS resources:
 * the stream tests' subject, and the parent every DwsTransferTask test needs. One place, so both
 * files make their streams alike (the vendor's example stream, a 20 s wait bound).
 */
import type { HuaweiClient } from "../../provider/clients/huawei";
import * as stream from "../../provider/resources/huaweicloud-dis-stream";
import { stream as baseStream } from "../fixtures/dis";
import { type Props, checkedTimed } from "./resources";

/** Creates the example stream named `streamName` (with `extra` inputs); its id, outputs and checked inputs. */
export async function createStream(dis: HuaweiClient, streamName: string, extra: Props = {}): Promise<{ id: string; outs: Props; inputs: Props }> {
  const inputs = checkedTimed(stream, { ...baseStream, streamName, ...extra });
  const { id, outs } = await stream.create(inputs, dis);
  return { id, outs, inputs };
}
