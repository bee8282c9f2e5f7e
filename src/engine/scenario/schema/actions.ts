/**
 * The structure of script actions (zod, strict objects): one shape per kind of `do`, and the keys
 * each takes (for unknown-key messages). Cross-field rules (does broker 7 exist?) are checked
 * after the structure, in parseScript.ts.
 */
import { z } from 'zod';
import { int } from './settings';
import { groupActionShapes } from './groups';

export const ACTION_KINDS = [
  'produce',
  'stopProducing',
  'crash',
  'powerLoss',
  'restart',
  'isolate',
  'cut',
  'heal',
  'slow',
  'dropRequests',
  'dropResponses',
  'set',
  'addMember',
  'removeMember',
  'crashMember',
  'pauseMember',
] as const;

/** Most records per second one `produce` action may send at a rate (a playground limit). */
export const MAX_RATE = 10_000;

const at = int(0);
const nodeName = z.string().min(1);
const link = z.tuple([nodeName, nodeName]);
export const actionShapes = {
  produce: {
    at,
    do: z.literal('produce'),
    producer: z.string().min(1),
    topic: z.string().min(1),
    count: int(1).optional(),
    every: int(0).optional(),
    // Records per second until a stopProducing (or the end of the run).
    rate: z.number().positive().max(MAX_RATE).optional(),
    key: z.string().nullable().optional(),
    value: z.string().optional(),
    partition: int(0).optional(),
  },
  stopProducing: { at, do: z.literal('stopProducing'), producer: z.string().min(1), topic: z.string().min(1).optional() },
  broker: { at, do: z.enum(['crash', 'powerLoss', 'restart']), broker: int() },
  isolate: { at, do: z.literal('isolate'), node: nodeName },
  cut: { at, do: z.literal('cut'), between: link },
  heal: { at, do: z.literal('heal'), between: link.optional() },
  slow: { at, do: z.literal('slow'), broker: int(), 'latency.ms': int(0) },
  drop: { at, do: z.enum(['dropRequests', 'dropResponses']), broker: int(), count: int(1) },
  set: {
    at,
    do: z.literal('set'),
    topic: z.string().min(1).optional(),
    producer: z.string().min(1).optional(),
    group: z.string().min(1).optional(),
    // Checked against the settings of its target after the structure (see parseSet.ts).
    config: z.record(z.string(), z.unknown()),
  },
};

export const actionInput = z.discriminatedUnion('do', [
  z.strictObject(actionShapes.produce),
  z.strictObject(actionShapes.stopProducing),
  z.strictObject(actionShapes.broker),
  z.strictObject(actionShapes.isolate),
  z.strictObject(actionShapes.cut),
  z.strictObject(actionShapes.heal),
  z.strictObject(actionShapes.slow),
  z.strictObject(actionShapes.drop),
  z.strictObject(actionShapes.set),
  z.strictObject({ at, ...groupActionShapes.addMember }),
  z.strictObject({ at, ...groupActionShapes.member }),
  z.strictObject({ at, ...groupActionShapes.pauseMember }),
]);
export type ActionInput = z.infer<typeof actionInput>;

/** Keys each action takes, for unknown-key messages. */
export function actionKeys(kind: string): string[] {
  switch (kind) {
    case 'produce':
      return Object.keys(actionShapes.produce);
    case 'crash':
    case 'powerLoss':
    case 'restart':
      return Object.keys(actionShapes.broker);
    case 'dropRequests':
    case 'dropResponses':
      return Object.keys(actionShapes.drop);
    case 'stopProducing':
    case 'isolate':
    case 'cut':
    case 'heal':
    case 'slow':
    case 'set':
      return Object.keys(actionShapes[kind]);
    case 'addMember':
    case 'pauseMember':
      return ['at', ...Object.keys(groupActionShapes[kind])];
    case 'removeMember':
    case 'crashMember':
      return ['at', ...Object.keys(groupActionShapes.member)];
    default:
      return ['at', 'do'];
  }
}
