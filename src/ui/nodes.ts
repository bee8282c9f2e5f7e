// The nodes a learner can point at, from the scenario and what the engine reported: brokers,
// producers, consumer-group members, and the node names the network uses ("b1", "billing/c1").
import type { ClusterSnapshot, Report } from '../engine';

interface ScenarioShape {
  brokers?: number;
  producers?: { id: string }[];
  groups?: { 'group.id': string; members?: number | { name: string }[] }[];
}

export interface Members {
  group: string;
  members: string[];
}

export function brokerIds(snapshot: ClusterSnapshot | null, scenario: unknown): number[] {
  if (snapshot) return snapshot.brokers.map((b) => b.id);
  const n = (scenario as ScenarioShape)?.brokers ?? 0;
  return Array.from({ length: n }, (_, i) => i + 1);
}

export function producerIds(scenario: unknown): string[] {
  return ((scenario as ScenarioShape)?.producers ?? []).map((p) => p.id);
}

export function groupMembers(scenario: unknown, report: Report | null): Members[] {
  return ((scenario as ScenarioShape)?.groups ?? []).map((g) => {
    const declared = typeof g.members === 'number' ? Array.from({ length: g.members }, (_, i) => `c${i + 1}`) : (g.members ?? []).map((m) => m.name);
    const reported = Object.keys(report?.groups?.find((r) => r['group.id'] === g['group.id'])?.assignment ?? {});
    return { group: g['group.id'], members: [...new Set([...declared, ...reported])] };
  });
}

export function networkNodes(snapshot: ClusterSnapshot | null, scenario: unknown, report: Report | null): string[] {
  return [
    ...brokerIds(snapshot, scenario).map((id) => `b${id}`),
    'controller',
    ...producerIds(scenario),
    ...groupMembers(scenario, report).flatMap((g) => g.members.map((m) => `${g.group}/${m}`)),
  ];
}
