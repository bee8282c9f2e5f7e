/**
 * Leader election and replica placement, as pure functions of the cluster's state.
 */

/**
 * Kafka's `PartitionChangeBuilder` election: the first replica in assignment order that is alive
 * (unfenced) and in the ISR. Unclean election — only when no ISR member is alive and
 * `unclean.leader.election.enable` is true — takes the first alive replica in assignment order;
 * its log becomes the truth.
 */
export function electLeader(
  replicas: readonly number[],
  isr: readonly number[],
  isAlive: (broker: number) => boolean,
  uncleanAllowed: boolean,
): { leader: number; unclean: boolean } | null {
  for (const r of replicas) if (isr.includes(r) && isAlive(r)) return { leader: r, unclean: false };
  if (!uncleanAllowed) return null;
  for (const r of replicas) if (isAlive(r)) return { leader: r, unclean: true };
  return null;
}

/**
 * Rack-unaware replica placement (`StripedReplicaPlacer` / the old `assignReplicasToBrokers`)
 * with start index 0 and shift 0: partition p's first replica is broker index p % n; follower j
 * is shifted by 1 + (shift + j) % (n - 1), and the shift grows by one every n partitions. Kafka
 * draws the start index and shift at random per topic; the playground fixes both at 0 for every
 * topic, so partition 0 is always led by the first broker.
 */
export function assignReplicas(brokerIds: readonly number[], partitions: number, replicationFactor: number): number[][] {
  const n = brokerIds.length;
  const out: number[][] = [];
  let shift = 0;
  for (let p = 0; p < partitions; p++) {
    if (p > 0 && p % n === 0) shift++;
    const first = p % n;
    const replicas = [brokerIds[first]!];
    for (let j = 0; j < replicationFactor - 1; j++) {
      const shiftBy = 1 + ((shift + j) % (n - 1));
      replicas.push(brokerIds[(first + shiftBy) % n]!);
    }
    out.push(replicas);
  }
  return out;
}
