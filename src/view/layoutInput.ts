import type { ClusterSnapshot } from '../engine';
import type { LayoutInput } from './layout';

/** What the layout depends on: sizes and the entities' ids, never their changing state. */
export function layoutInput(snapshot: ClusterSnapshot, width: number, height: number, textScale = 1): LayoutInput {
  return {
    ...(textScale !== 1 ? { textScale } : {}),
    width: Math.round(width),
    height: Math.round(height),
    brokers: snapshot.brokers.map((b) => b.id),
    partitions: snapshot.partitions.map((p) => ({ topic: p.topic, partition: p.partition })),
    producers: snapshot.producers.map((p) => p.id),
    groups: snapshot.groups.map((g) => ({ id: g.id, members: g.members.map((m) => m.name) })),
  };
}
