/**
 * Follower fetch sessions (KIP-227, Kafka's FetchSession): a follower's first fetch from a leader
 * is full and is answered for every partition it names; after that its fetches are incremental,
 * and the leader leaves out the partitions with nothing new (no records, the same HW and log start
 * offset as last sent). A restarted follower begins a new session with a full fetch. What the
 * followers end with must not change: their HWs follow the leader's all the same.
 */
import { describe, expect, it } from 'vitest';
import type { Message } from './messages';
import { buildSimulation } from './simulation';

const SCENARIO = {
  name: 'fetch sessions',
  seed: 7,
  until: 30_000,
  brokers: 3,
  broker: { 'offsets.topic.num.partitions': 3 },
  topics: [{ name: 'orders', partitions: 3, 'replication.factor': 3 }],
  producers: [{ id: 'p1', acks: 'all' }],
  script: [
    { at: 100, do: 'produce', producer: 'p1', topic: 'orders', count: 40, every: 50, key: 'k-{i}' },
    { at: 12_000, do: 'crash', broker: 3 },
    { at: 13_000, do: 'restart', broker: 3 },
  ],
};

interface Exchange {
  t: number;
  follower: string;
  leader: string;
  incremental: boolean;
  asked: number;
  answered: number | null;
}

function watchFetches() {
  const { simulation, cluster } = buildSimulation(SCENARIO);
  const exchanges = new Map<string, Exchange>();
  const send = cluster.network.send.bind(cluster.network);
  cluster.network.send = (from: string, to: string, message: Message) => {
    if (message.kind === 'fetch') {
      exchanges.set(`${from}>${to}#${message.fetchId}`, { t: simulation.now(), follower: from, leader: to, incremental: message.incremental, asked: message.partitions.length, answered: null });
    } else if (message.kind === 'fetchResponse') {
      const e = exchanges.get(`${to}>${from}#${message.fetchId}`);
      if (e) e.answered = message.partitions.length;
    }
    send(from, to, message);
  };
  return { simulation, cluster, exchanges: () => [...exchanges.values()].filter((e) => e.answered !== null) };
}

describe('follower fetch sessions (KIP-227)', () => {
  it('answers a full fetch for every partition, and leaves idle partitions out of incremental answers', () => {
    const { simulation, exchanges } = watchFetches();
    simulation.runUntil(11_000);
    const all = exchanges();
    const full = all.filter((e) => !e.incremental);
    expect(full.length).toBeGreaterThan(0);
    for (const e of full) expect(e.answered, `full fetch ${e.follower} → ${e.leader} at ${e.t} ms`).toBe(e.asked);
    // Long after the last record (sent by about 2.1 s), every partition is idle: incremental
    // answers name none of them, although the followers keep asking for all.
    const quiet = all.filter((e) => e.incremental && e.t > 6_000);
    expect(quiet.length).toBeGreaterThan(0);
    for (const e of quiet) {
      expect(e.asked).toBeGreaterThan(0);
      expect(e.answered, `incremental fetch ${e.follower} → ${e.leader} at ${e.t} ms`).toBe(0);
    }
  });

  it('starts a restarted follower on a full fetch, and its HW catches up with the leader', () => {
    const { simulation, cluster, exchanges } = watchFetches();
    simulation.runUntil(SCENARIO.until);
    const afterRestart = exchanges().filter((e) => e.follower === 'b3' && e.t >= 13_000);
    expect(afterRestart.length).toBeGreaterThan(0);
    expect(afterRestart[0]!.incremental).toBe(false);
    expect(afterRestart[0]!.answered).toBe(afterRestart[0]!.asked);
    for (const state of cluster.controller.partitionStates()) {
      const key = `${state.topic}-${state.partition}`;
      const leader = cluster.brokers.get(state.leader)!.replicas.get(key)!.log;
      for (const id of state.replicas) {
        const log = cluster.brokers.get(id)!.replicas.get(key)!.log;
        expect(log.highWatermark, `b${id}'s HW of ${key}`).toBe(leader.highWatermark);
        expect(log.logEndOffset, `b${id}'s LEO of ${key}`).toBe(leader.logEndOffset);
      }
    }
  });
});
