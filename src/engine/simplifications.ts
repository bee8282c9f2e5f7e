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
    id: 'basic-producer',
    text: 'The producer sends one record per request and does not yet batch records or use idempotence (enable.idempotence is accepted but behaves as false).',
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
