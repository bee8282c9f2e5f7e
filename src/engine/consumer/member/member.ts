/**
 * One consumer of a group: a client node on the network (`<group.id>/<name>`) running the
 * application loop of application.ts over Kafka's classic consumer protocol. Its parts:
 * coordination (coordinator, heartbeats), rebalance (join/sync), commits, fetcher, application.
 */
import { createActor } from 'xstate';
import type { GroupErrorCode } from '../../core/trace';
import { consumerMemberMachine } from '../../machines/consumerMember.machine';
import type { GroupSpec } from '../../scenario/types';
import type { SimContext } from '../../sim/context';
import type { Message } from '../../sim/messages';
import type { NetworkNode } from '../../sim/network';
import { Application } from './application';
import { Committer } from './commits';
import { Coordination } from './coordination';
import { emit, nowOf, stateOf, type MemberCore } from './core';
import { Fetcher } from './fetcher';
import { ClientProcess } from './process';
import { Rebalancer } from './rebalance';
import { InFlightRequests } from './requests';
import type { MemberLifecycle } from './parts';
import { Subscriptions } from './subscriptions';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

const RESPONSES: ReadonlySet<string> = new Set([
  'metadataResponse',
  'findCoordinatorResponse',
  'joinGroupResponse',
  'syncGroupResponse',
  'groupHeartbeatResponse',
  'leaveGroupResponse',
  'offsetCommitResponse',
  'offsetFetchResponse',
  'listOffsetsResponse',
  'offsetForLeaderEpochResponse',
  'consumerFetchResponse',
]);

function isResponse(message: Message): message is Parameters<InFlightRequests['complete']>[0] {
  return RESPONSES.has(message.kind);
}

// Work that waits out a GC pause (ClientProcess.run) is data: these tasks.
const COMPLETE = defineTask('consumer.member.response', (r: InFlightRequests, response: Parameters<InFlightRequests['complete']>[0]) => r.complete(response));
const CONNECTION_LOST = defineTask('consumer.member.connectionLost', (c: Coordination, broker: number) => c.connectionLost(broker));
const REQUEST_CLOSE = defineTask('consumer.member.requestClose', (a: Application) => a.requestClose());

/** The core as this file wires it: the same object, each part seen with its whole class. */
type WiredCore = MemberCore & {
  readonly coordination: Coordination;
  readonly committer: Committer;
  readonly fetcher: Fetcher;
  readonly rebalancer: Rebalancer;
  readonly app: Application;
};

export interface MemberOptions {
  spec: GroupSpec;
  name: string;
  instanceId: string | null;
  ctx: SimContext;
  brokerIds: readonly number[];
  partitionCounts: ReadonlyMap<string, number>;
}

export class ConsumerMember implements NetworkNode, MemberLifecycle {
  readonly name: string;
  private readonly core: WiredCore;

  constructor(o: MemberOptions) {
    this.name = `${o.spec['group.id']}/${o.name}`;
    const process = new ClientProcess(o.ctx.queue);
    const core = {
      group: o.spec['group.id'],
      name: o.name,
      node: this.name,
      instanceId: o.instanceId,
      spec: o.spec,
      ctx: o.ctx,
      brokerIds: o.brokerIds,
      partitionCounts: o.partitionCounts,
      process,
      requests: new InFlightRequests(process),
      subs: new Subscriptions(),
      machine: createActor(consumerMemberMachine).start(),
      self: this,
      // Filled below (each part takes the core): named here so that the literal has every field
      // from the start, as a restored core has (core/graphDecode.ts makes plain objects as literals).
      coordination: undefined,
      committer: undefined,
      fetcher: undefined,
      rebalancer: undefined,
      app: undefined,
    } as Partial<Mutable<WiredCore>> as Mutable<WiredCore>;
    core.coordination = new Coordination(core);
    core.committer = new Committer(core);
    core.fetcher = new Fetcher(core);
    core.rebalancer = new Rebalancer(core);
    core.app = new Application(core);
    this.core = core;
  }

  isUp(): boolean {
    return this.core.process.isAlive;
  }

  receive(message: Message): void {
    if (!isResponse(message)) return;
    this.core.process.run(COMPLETE, this.core.requests, message);
  }

  connectionLost(peer: string): void {
    this.core.process.run(CONNECTION_LOST, this.core.coordination, Number(peer.slice(1)));
  }

  start(): void {
    emit(this.core, { t: nowOf(this.core), type: 'ConsumerStarted', group: this.core.group, member: this.core.name, groupInstanceId: this.core.instanceId });
    this.core.app.start();
  }

  /** removeMember: finish the batch in hand, then close(). */
  requestClose(): void {
    this.core.process.run(REQUEST_CLOSE, this.core.app);
  }

  /** close(): auto commit (if enabled), LeaveGroup (dynamic members), stop. */
  close(): void {
    if (this.core.app.isStopped) return;
    this.core.app.stop();
    this.core.committer.autoCommitSync({ do: 'closed' });
  }

  /** @internal close()'s auto commit finished: LeaveGroup, stop. */
  closed(): void {
    this.core.coordination.leave();
    this.stop('closed', null);
  }

  crash(): void {
    if (!this.core.process.isAlive) return;
    this.core.app.stop();
    this.stop('crashed', null);
  }

  /** A fatal error the application does not survive: it dies without closing the consumer. */
  fail(error: GroupErrorCode): void {
    if (this.core.app.isStopped) return;
    this.core.app.stop();
    this.stop('failed', error);
  }

  pause(ms: number): void {
    if (!this.core.process.isAlive) return;
    emit(this.core, { t: nowOf(this.core), type: 'ConsumerPaused', group: this.core.group, member: this.core.name, ms });
    this.core.process.pause(ms);
  }

  private stop(how: 'closed' | 'crashed' | 'failed', error: GroupErrorCode | null): void {
    if (stateOf(this.core) !== 'dead') this.core.machine.send({ type: how === 'closed' ? 'CLOSE' : 'CRASH' });
    this.core.process.kill();
    this.core.requests.clear();
    emit(this.core, { t: nowOf(this.core), type: 'ConsumerStopped', group: this.core.group, member: this.core.name, how, error });
  }

  /** Read-only, for snapshots: the member's lifecycle state and, per owned partition, its position. */
  describe(): { state: string; alive: boolean; paused: boolean; owned: { topic: string; partition: number; position: number | null }[] } {
    const owned = [...this.core.subs.owned.values()].map((p) => ({ topic: p.topic, partition: p.partition, position: p.position }));
    return { state: stateOf(this.core), alive: this.core.process.isAlive, paused: this.core.process.isPaused, owned };
  }

  /**
   * Read-only, for the report: ids of the records fetched and not yet returned by poll() (the
   * fetch buffer, which poll() hands out whatever the log start has become since); none once the
   * process is dead.
   */
  bufferedRecordIds(): number[] {
    const ids: number[] = [];
    if (!this.core.process.isAlive) return ids;
    for (const p of this.core.subs.owned.values()) for (let i = p.bufferHead; i < p.buffer.length; i++) ids.push(p.buffer[i]!.record.id);
    return ids;
  }

  get isRunning(): boolean {
    return this.core.process.isAlive;
  }
}

registerClass('ConsumerMember', ConsumerMember, { blank: () => new ConsumerMember({ name: '', instanceId: null, brokerIds: [], partitionCounts: null, ctx: { queue: { now: 0 } }, spec: { 'group.id': '', 'retry.backoff.ms': 0, 'auto.commit.interval.ms': 0, 'partition.assignment.strategy': [] } } as never) });
