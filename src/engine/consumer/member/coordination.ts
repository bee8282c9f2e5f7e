/**
 * Finding the group coordinator and staying alive in the group (AbstractCoordinator and its
 * heartbeat thread): FindCoordinator to any broker, rediscovery with a growing backoff after
 * NOT_COORDINATOR or a lost connection, a heartbeat every heartbeat.interval.ms while the member
 * has joined (CompletingRebalance or Stable on its side), and LeaveGroup.
 */
import type { ScheduledTask } from '../../core/eventQueue';
import type { FindCoordinatorResponse, HeartbeatResponseMessage } from '../../sim/groupMessages';
import { allows, emit, isCoordinatorError, memberIdOf, generationOf, nowOf, send, type MemberCore } from './core';
import { registerClass } from '../../core/graphRegistry';
import { defineTask } from '../../core/tasks';
import type { RequestFailure, RequestOwner } from './requests';
import type { CoordinationPart, Waiter } from './parts';

/** Kafka's retry.backoff.max.ms default: rediscovery backs off up to this. */
const MAX_BACKOFF_MS = 1000;

type CoordinationRequest = 'find' | 'heartbeat';

const FIND_AGAIN = defineTask('consumer.coordination.findAgain', (c: Coordination) => c.findAgain());
const HEARTBEAT = defineTask('consumer.coordination.heartbeat', (c: Coordination) => c.heartbeatDue());

export class Coordination implements CoordinationPart, RequestOwner<CoordinationRequest, FindCoordinatorResponse | HeartbeatResponseMessage> {
  coordinator: number | null = null;
  private finding = false;
  private backoffMs: number;
  private nextFindAt = 0;
  private bootstrap = 0;
  private waiters: Waiter[] = [];
  private heartbeat: ScheduledTask | null = null;
  private heartbeatInFlight = false;

  constructor(private readonly m: MemberCore) {
    this.backoffMs = m.spec['retry.backoff.ms'];
  }

  /** True when the coordinator is known; else starts looking for it and runs `then` once found. */
  ensure(then?: Waiter): boolean {
    if (this.coordinator !== null) return true;
    const once = then?.kind === 'app-wake' || then?.kind === 'fetcher-wake';
    if (then && !(once && this.waiters.some((w) => w.kind === then.kind))) this.waiters.push(then);
    this.find();
    return false;
  }

  private find(): void {
    if (this.finding || this.coordinator !== null) return;
    this.finding = true;
    const wait = this.nextFindAt - nowOf(this.m);
    if (wait > 0) {
      this.m.process.later(wait, FIND_AGAIN, this);
      return;
    }
    const ids = this.m.brokerIds;
    const broker = ids[this.bootstrap++ % ids.length]!;
    const correlationId = this.m.requests.add(broker, 'data', this.m.spec['request.timeout.ms'], this, 'find');
    send(this.m, broker, { kind: 'findCoordinator', correlationId, group: this.m.group });
  }

  /** @internal The FIND_AGAIN task: the backoff before the next FindCoordinator passed. */
  findAgain(): void {
    this.finding = false;
    this.find();
  }

  private findFailed(): void {
    this.finding = false;
    this.backOff();
    this.find();
  }

  /** @internal An answer to this part's FindCoordinator or Heartbeat. */
  onResponse(tag: CoordinationRequest, response: FindCoordinatorResponse | HeartbeatResponseMessage): void {
    if (tag === 'find') {
      const res = response as FindCoordinatorResponse;
      if (res.error !== null) return this.findFailed();
      this.finding = false;
      this.found(res.broker);
      return;
    }
    const res = response as HeartbeatResponseMessage;
    this.heartbeatInFlight = false;
    if (res.error === null) return this.answered();
    if (isCoordinatorError(res.error)) return this.markUnknown();
    this.m.rebalancer.onHeartbeatError(res.error);
  }

  /** @internal */
  onFailure(tag: CoordinationRequest, _failure: RequestFailure): void {
    if (tag === 'find') return this.findFailed();
    this.heartbeatInFlight = false;
    this.markUnknown();
  }

  private backOff(): void {
    this.nextFindAt = nowOf(this.m) + this.backoffMs;
    this.backoffMs = Math.min(this.backoffMs * 2, Math.max(MAX_BACKOFF_MS, this.m.spec['retry.backoff.ms']));
  }

  private found(broker: number): void {
    this.coordinator = broker;
    emit(this.m, { t: nowOf(this.m), type: 'CoordinatorFound', group: this.m.group, member: this.m.name, broker });
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) this.runWaiter(w);
  }

  private runWaiter(w: Waiter): void {
    switch (w.kind) {
      case 'app-wake':
      case 'fetcher-wake':
        return this.m.app.wake();
      case 'join':
        return this.m.rebalancer.sendJoin(w.flow);
      case 'commit':
        return this.m.committer.send(w.commit);
    }
  }

  /** The coordinator answered a request normally: rediscovery starts from the short backoff again. */
  answered(): void {
    this.backoffMs = this.m.spec['retry.backoff.ms'];
  }

  markUnknown(): void {
    if (this.coordinator === null) return;
    const old = this.coordinator;
    this.coordinator = null;
    this.backOff();
    this.m.requests.failConnection(old, 'coordinator');
  }

  /** @internal Also the CONNECTION_LOST task's body. */
  connectionLost(broker: number): void {
    if (broker === this.coordinator) this.markUnknown();
    this.m.requests.failConnection(broker);
  }

  // ── Heartbeats ───────────────────────────────────────────────────────────────────────────

  startHeartbeats(): void {
    if (this.heartbeat) return;
    this.heartbeat = this.m.process.later(this.m.spec['heartbeat.interval.ms'], HEARTBEAT, this);
  }

  /** @internal The HEARTBEAT task. */
  heartbeatDue(): void {
    this.heartbeat = null;
    this.beat();
  }

  private beat(): void {
    if (!allows(this.m, 'inGeneration')) return;
    this.startHeartbeats();
    if (this.heartbeatInFlight || !this.ensure()) return;
    this.heartbeatInFlight = true;
    const coordinator = this.coordinator!;
    const correlationId = this.m.requests.add(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], this, 'heartbeat');
    send(this.m, coordinator, {
      kind: 'groupHeartbeat',
      correlationId,
      group: this.m.group,
      memberId: memberIdOf(this.m),
      groupInstanceId: this.m.instanceId,
      generation: generationOf(this.m),
    });
  }

  /** LeaveGroup, not waiting for the answer. Static members never send it (KIP-345). */
  leave(): void {
    const memberId = memberIdOf(this.m);
    if (this.m.instanceId !== null || memberId === '' || this.coordinator === null) return;
    const correlationId = this.m.requests.add(this.coordinator, 'coordinator', this.m.spec['request.timeout.ms'], null, null);
    send(this.m, this.coordinator, { kind: 'leaveGroup', correlationId, group: this.m.group, memberId });
  }
}

registerClass('Coordination', Coordination, { blank: () => new Coordination({ spec: { 'retry.backoff.ms': 0 } } as never) });
