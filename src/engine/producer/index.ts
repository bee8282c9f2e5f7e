/** The producer client: accumulator, sender, partitioners, idempotence, send styles. */
export { Producer, type SendInput, type SendCallbacks } from './producer';
export { startProduceJob, type ProduceJob, type ProduceJobHandle } from './application';
export { ROUND_ROBIN_PARTITIONER, PARTITIONER_CLASSES } from './partitioners';
