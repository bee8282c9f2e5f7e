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
    id: 'hw-checkpoint',
    text: 'A restarted broker keeps the high watermark it had, not the older one Kafka reads from its checkpoint file.',
  },
  {
    id: 'replica-placement',
    text: 'Replica placement always starts at the first broker, where Kafka picks a random start for each topic.',
  },
];
