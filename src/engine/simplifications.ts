/**
 * Where the simulator departs from Kafka, one sentence each. The app shows these next to the
 * results (KAFKA.md: "where the simulator simplifies, the UI says so").
 */
export interface Simplification {
  id: string;
  text: string;
}

export const simplifications: readonly Simplification[] = [
  {
    id: 'record-size',
    text: 'A record is sized as its UTF-8 key and value plus 10 bytes, a batch adds 61; batches are never compressed, and a batch the broker finds too large is not split.',
  },
  {
    id: 'producer-metadata',
    text: "send() never waits for a topic's metadata: the producer knows every topic's partition count from the start, and learns leaders from metadata requests as Kafka's client does.",
  },
  {
    id: 'dropped-messages',
    text: 'dropRequests and dropResponses lose single messages while the connection stays up, like a lossy proxy; on a real TCP connection a lost answer means a broken connection.',
  },
  {
    id: 'producer-state-new-producer',
    text: "A partition refuses a first sequence other than 0 from an idempotent producer it has no state for (Kafka accepts any), so when a producer's very first batch to a partition is lost and expires on its first try, its next batch there is refused with OUT_OF_ORDER_SEQUENCE_NUMBER until that batch's own delivery.timeout.ms, when the producer bumps its epoch and starts over.",
  },
  {
    id: 'idempotence-epoch-bump',
    text: 'Not a simplification but an edge of the idempotence guarantee, as in Kafka: when a partition sees a real sequence gap (OUT_OF_ORDER_SEQUENCE_NUMBER for the next sequence, or a batch refused for good with retries left), the producer bumps its epoch and renumbers that partition\'s batches still in flight from 0; one of them already written, its answer lost, is written again, because the broker cannot match a new epoch\'s sequence to the old one.',
  },
  {
    id: 'producer-ids',
    text: 'Producer ids come from one cluster-wide counter instead of id blocks the controller hands to brokers, and there are no transactions.',
  },
  {
    id: 'single-controller',
    text: 'The KRaft controller is a single node that never fails; a real cluster runs a quorum of three or more.',
  },
  {
    id: 'power-loss',
    text: 'A power loss loses everything not yet fsynced; a real OS may already have written some of the page cache back to disk.',
  },
  {
    id: 'recovery-time',
    text: 'A restarted broker takes a fixed second to recover its logs, whatever their size.',
  },
  {
    id: 'broker-registration',
    text: 'A broker that cannot register keeps trying; Kafka gives up and shuts the broker down after initial.broker.registration.timeout.ms (60 s).',
  },
  {
    id: 'hw-checkpoint',
    text: 'A restarted broker keeps the high watermark it had, not the older one Kafka reads from its checkpoint file.',
  },
  {
    id: 'replica-placement',
    text: 'Replica placement always starts at the first broker, where Kafka picks a random start for each topic.',
  },
  {
    id: 'member-id-required',
    text: 'A new consumer gets its member id in its first JoinGroup answer; Kafka first answers MEMBER_ID_REQUIRED and the consumer joins again with that id (KIP-394).',
  },
  {
    id: 'offsets-topic',
    text: 'Committed offsets and group metadata are stored in __consumer_offsets as plain JSON records, never compacted; a new coordinator loads them instantly.',
  },
  {
    id: 'consumer-poll',
    text: 'The application calls poll with a fixed 100 ms timeout, and fetch.min.bytes is always 1.',
  },
  {
    id: 'consumer-rebalance-listener',
    text: 'Consumers register no rebalance listener: an application commits only where its commit setting says, never in onPartitionsRevoked.',
  },
  {
    id: 'async-commits',
    text: 'With async processing, a commit after processing is sent when the worker finishes a batch, without handing the offsets back to the polling thread as a real application must.',
  },
  {
    id: 'consumer-epochs',
    text: 'A consumer checks its position against a new leader (KIP-320) once it has returned the records it had buffered from the old one; Kafka drops those records and checks at once.',
  },
  {
    id: 'consumer-fetch',
    text: 'Consumers fetch without fetch sessions (KIP-227) and without a fetch.max.bytes cap: each partition returns up to max.partition.fetch.bytes.',
  },
  {
    id: 'classic-protocol',
    text: 'Consumer groups use the classic rebalance protocol only; KIP-848 (group.protocol=consumer, server-side assignment) is not simulated.',
  },
];
