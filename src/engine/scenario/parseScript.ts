/**
 * The `script` of a scenario: each action's structure, then its references (brokers, topics,
 * producers, nodes, partitions) checked against the cluster the scenario describes. The same
 * code checks a command dispatched to a live simulation (see parse.ts, validateCommand).
 */
import type { ScriptAction } from './types';
import type { PathSegment } from './schema/issues';
import { actionInput, type ActionInput } from './schema/actions';
import { addZodIssues, type Issues } from './parseIssues';
import { buildSet } from './parseSet';
import type { Checks } from './parseChecks';

/** script[i]'s structure; null when it is wrong (its problems are added to `issues`). */
export function parseActionInput(raw: unknown, i: number, issues: Issues, root: unknown): ActionInput | null {
  const parsed = actionInput.safeParse(raw);
  if (parsed.success) return parsed.data;
  addZodIssues(issues, parsed.error.issues, root, ['script', i]);
  return null;
}

function checkLink(between: [string, string], path: readonly PathSegment[], c: Checks): void {
  c.checkNode(between[0], [...path, 0]);
  c.checkNode(between[1], [...path, 1]);
  if (between[0] === between[1]) c.issues.add(path, `a link joins two different nodes, got ${JSON.stringify(between[0])} twice`);
}

/** The action with its defaults filled in; its problems are added to `c.issues`. */
export function buildAction(a: ActionInput, path: PathSegment[], c: Checks): ScriptAction | undefined {
  const p = (k: PathSegment): PathSegment[] => [...path, k];
  switch (a.do) {
    case 'produce':
      return buildProduce(a, path, c);
    case 'stopProducing':
      c.checkProducer(a.producer, p('producer'));
      if (a.topic === undefined) return { at: a.at, do: 'stopProducing', producer: a.producer };
      c.checkTopic(a.topic, p('topic'));
      return { at: a.at, do: 'stopProducing', producer: a.producer, topic: a.topic };
    case 'crash':
    case 'powerLoss':
    case 'restart':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: a.do, broker: a.broker };
    case 'isolate':
      c.checkNode(a.node, p('node'));
      return { at: a.at, do: 'isolate', node: a.node };
    case 'cut':
      checkLink(a.between, p('between'), c);
      return { at: a.at, do: 'cut', between: [a.between[0], a.between[1]] };
    case 'heal':
      if (a.between === undefined) return { at: a.at, do: 'heal' };
      checkLink(a.between, p('between'), c);
      return { at: a.at, do: 'heal', between: [a.between[0], a.between[1]] };
    case 'slow':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: 'slow', broker: a.broker, 'latency.ms': a['latency.ms'] };
    case 'dropRequests':
    case 'dropResponses':
      c.checkBroker(a.broker, p('broker'));
      return { at: a.at, do: a.do, broker: a.broker, count: a.count };
    case 'set':
      return buildSet(a, path, c);
    case 'addMember':
    case 'removeMember':
    case 'crashMember':
    case 'pauseMember':
      return c.members.actions.get(path[1] as number);
  }
}

function buildProduce(a: Extract<ActionInput, { do: 'produce' }>, path: PathSegment[], c: Checks): ScriptAction {
  c.checkProducer(a.producer, [...path, 'producer']);
  const topic = c.checkTopic(a.topic, [...path, 'topic']);
  const common = { key: a.key ?? null, value: a.value ?? 'value-{i}' };
  let out: ScriptAction;
  if (a.rate !== undefined) {
    for (const k of ['count', 'every'] as const) {
      if (a[k] !== undefined) c.issues.add([...path, k], `a produce action takes "rate" (records per second, until stopped) or "count" and "every", not both`);
    }
    out = { at: a.at, do: 'produce', producer: a.producer, topic: a.topic, rate: a.rate, ...common };
  } else {
    out = { at: a.at, do: 'produce', producer: a.producer, topic: a.topic, count: a.count ?? 1, every: a.every ?? 0, ...common };
  }
  if (a.partition !== undefined) {
    if (topic !== undefined && a.partition >= topic.partitions) {
      c.issues.add(
        [...path, 'partition'],
        `no partition ${a.partition}: topic ${JSON.stringify(topic.name)} has ${topic.partitions} partition${topic.partitions === 1 ? '' : 's'} (0..${topic.partitions - 1})`,
      );
    }
    out.partition = a.partition;
  }
  return out;
}
