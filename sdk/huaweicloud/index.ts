export {
  EventRouterJob,
  type EventRouterJobArgs,
  type EventRouterJobSource,
  type EventRouterJobSink,
  type EventRouterAdvanceConfig,
  type EndpointBase,
  type KafkaEndpoint,
  type RocketmqEndpoint,
  type DcsEndpoint,
  type Kafka2KafkaConfig,
  type Rocketmq2RocketmqConfig,
  type Dcs2DcsConfig,
} from "./event-router-job";
