/**
 * Every rule of the pack, in the order the engine reports them. Tests import this list (never the
 * pack's index.ts, whose PolicyPack constructor starts a gRPC server).
 */
import { eventrouterCrossRegionCompression } from "./huaweicloud-eventgrid-eventrouterjob-require-cross-region-compression";
import { eventrouterNoReplicationLoops } from "./huaweicloud-eventgrid-eventrouterjob-disallow-replication-loops";
import { eventrouterReplicasWithinBrokers } from "./huaweicloud-eventgrid-eventrouterjob-limit-replicas-to-brokers";
import { diSyncTaskErrorLimit } from "./alicloud-dataworks-disynctask-require-error-limit";
import { dwsTransferTaskRejectedRows } from "./huaweicloud-dis-dwstransfertask-limit-rejected-rows";
import { streamingJobExactlyOnce } from "./alicloud-gpdb-streamingjob-require-exactly-once";
import { streamingJobErrorLimit } from "./alicloud-gpdb-streamingjob-require-error-limit";
import { streamingDataServiceSpec } from "./alicloud-gpdb-streamingdataservice-limit-service-spec";
import { streamingDataSourceBrokers } from "./alicloud-gpdb-streamingdatasource-require-bootstrap-brokers";
import { disStreamRetention } from "./huaweicloud-dis-disstream-require-retention";
import { disStreamPartitions } from "./huaweicloud-dis-disstream-limit-partitions";
import type { PackPolicy } from "./_rule";

export const policies: PackPolicy[] = [
  eventrouterReplicasWithinBrokers,
  eventrouterNoReplicationLoops,
  eventrouterCrossRegionCompression,
  dwsTransferTaskRejectedRows,
  diSyncTaskErrorLimit,
  streamingJobExactlyOnce,
  streamingJobErrorLimit,
  streamingDataServiceSpec,
  streamingDataSourceBrokers,
  disStreamRetention,
  disStreamPartitions,
];
