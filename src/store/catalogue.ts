// The scenario picker's groups: each built-in under what it teaches. The engine's library owns the
// scenarios; this file only sorts them. An id not listed here lands in "other", so a new
// built-in shows up without an edit here.
import type { CatalogueEntry } from '../worker/protocol';
import sandbox from './sandbox.json';

export type Topic = 'start' | 'producer' | 'broker' | 'consumer' | 'other';

export const SANDBOX_ID = 'sandbox';

/** The scenario the page opens on: a small living cluster, producing and consuming. */
export const SANDBOX: CatalogueEntry = {
  id: SANDBOX_ID,
  title: sandbox.name,
  summary: sandbox.description,
  scenario: sandbox,
};

const TOPIC_OF: Record<string, Topic> = {
  'acks1-leader-crash': 'producer',
  'acks0-leader-crash': 'producer',
  'acksall-min-isr-2': 'producer',
  'retries-duplicate': 'producer',
  'idempotence-no-duplicates': 'producer',
  'in-flight-reorders': 'producer',
  'fire-and-forget': 'producer',
  'batching-linger': 'producer',
  'jepsen-unclean-election': 'broker',
  'jepsen-min-isr-2': 'broker',
  'jepsen-unclean-off': 'broker',
  'power-loss-default-flush': 'broker',
  'power-loss-flush-every-message': 'broker',
  'zombie-leader': 'broker',
  'retention-moves-log-start': 'broker',
};

export function topicOf(id: string): Topic {
  if (id === SANDBOX_ID) return 'start';
  if (TOPIC_OF[id]) return TOPIC_OF[id];
  return /commit|member|group|consum|offset|rebalance|cooperative|sink|processing|coordinator|static|retention-outruns/.test(id)
    ? 'consumer'
    : 'other';
}

/** The catalogue in the picker's order: the sandbox, then producer, broker, consumer, other. */
export function groupCatalogue(entries: readonly CatalogueEntry[]): { topic: Topic; entries: CatalogueEntry[] }[] {
  const order: Topic[] = ['start', 'producer', 'broker', 'consumer', 'other'];
  const all = [SANDBOX, ...entries.filter((e) => e.id !== SANDBOX_ID)];
  return order
    .map((topic) => ({ topic, entries: all.filter((e) => topicOf(e.id) === topic) }))
    .filter((g) => g.entries.length > 0);
}
