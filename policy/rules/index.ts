/**
 * Every rule of the pack, in the order the engine reports them. Tests import this list (never the
 * pack's index.ts, whose PolicyPack constructor starts a gRPC server).
 */
import { eventrouterCrossRegionCompression } from "./huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression";
import { eventrouterNoReplicationLoops } from "./huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";
import { eventrouterReplicasWithinBrokers } from "./huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";
import { diSyncTaskErrorLimit } from "./alicloud-dataworks-disynctask-require-error-limit";
import { dwsTransferTaskRejectedRows } from "./huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import type { PackPolicy } from "./_rule";

export const policies: PackPolicy[] = [
  eventrouterReplicasWithinBrokers,
  eventrouterNoReplicationLoops,
  eventrouterCrossRegionCompression,
  dwsTransferTaskRejectedRows,
  diSyncTaskErrorLimit,
];
