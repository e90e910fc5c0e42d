// Generated from the resource descriptor by `npm run sdk:generate` (provider/sdk-gen.ts); do not edit by hand.
export {
  EventRouterJob,
  type EventRouterJobArgs,
  type EndpointBase,
  type EventRouterJobSource,
  type EventRouterJobSink,
  type EventRouterAdvanceConfig,
  type KafkaEndpoint,
  type RocketmqEndpoint,
  type DcsEndpoint,
  type Kafka2KafkaConfig,
  type Rocketmq2RocketmqConfig,
  type Dcs2DcsConfig,
} from "./event-router-job";
export { DisStream, type DisStreamArgs, type DisTag } from "./dis-stream";
export { DwsTransferTask, type DwsTransferTaskArgs, type DwsTransferOptions } from "./dws-transfer-task";
