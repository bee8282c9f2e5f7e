/**
 * The values a producer's `partitioner.class` accepts. Part of a scenario's vocabulary (the parser
 * checks them), so they sit with the scenario types, below the producer that uses them.
 */
export const ROUND_ROBIN_PARTITIONER = 'org.apache.kafka.clients.producer.RoundRobinPartitioner';
/** Values partitioner.class accepts: null (the built-in partitioner) or RoundRobinPartitioner. */
export const PARTITIONER_CLASSES = [ROUND_ROBIN_PARTITIONER, 'RoundRobinPartitioner'] as const;
