/**
 * Finding the group coordinator and staying alive in the group (AbstractCoordinator and its
 * heartbeat thread): FindCoordinator to any broker, rediscovery with a growing backoff after
 * NOT_COORDINATOR or a lost connection, a heartbeat every heartbeat.interval.ms while the member
 * has joined (CompletingRebalance or Stable on its side), and LeaveGroup.
 */
import type { ScheduledTask } from '../../core/eventQueue';
import type { FindCoordinatorResponse, HeartbeatResponseMessage } from '../messages';
import { emit, isCoordinatorError, memberIdOf, generationOf, nowOf, send, stateOf, type MemberCore } from './core';
import { registerClass } from '../../core/graphRegistry';

/** Kafka's retry.backoff.max.ms default: rediscovery backs off up to this. */
const MAX_BACKOFF_MS = 1000;

export class Coordination {
  coordinator: number | null = null;
  private finding = false;
  private backoffMs: number;
  private nextFindAt = 0;
  private bootstrap = 0;
  private waiters: (() => void)[] = [];
  private heartbeat: ScheduledTask | null = null;
  private heartbeatInFlight = false;

  constructor(private readonly m: MemberCore) {
    this.backoffMs = m.spec['retry.backoff.ms'];
  }

  /** True when the coordinator is known; else starts looking for it and runs `then` once found. */
  ensure(then?: () => void): boolean {
    if (this.coordinator !== null) return true;
    if (then && !this.waiters.includes(then)) this.waiters.push(then);
    this.find();
    return false;
  }

  private find(): void {
    if (this.finding || this.coordinator !== null) return;
    this.finding = true;
    const wait = this.nextFindAt - nowOf(this.m);
    if (wait > 0) {
      this.m.process.later(wait, () => {
        this.finding = false;
        this.find();
      });
      return;
    }
    const ids = this.m.brokerIds;
    const broker = ids[this.bootstrap++ % ids.length]!;
    const failed = (): void => {
      this.finding = false;
      this.backOff();
      this.find();
    };
    const correlationId = this.m.requests.add<FindCoordinatorResponse>(broker, 'data', this.m.spec['request.timeout.ms'], (res) => {
      if (res.error !== null) return failed();
      this.finding = false;
      this.found(res.broker);
    }, failed);
    send(this.m, broker, { kind: 'findCoordinator', correlationId, group: this.m.group });
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
    for (const w of waiters) w();
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

  connectionLost(broker: number): void {
    if (broker === this.coordinator) this.markUnknown();
    this.m.requests.failConnection(broker);
  }

  // ── Heartbeats ───────────────────────────────────────────────────────────────────────────

  startHeartbeats(): void {
    if (this.heartbeat) return;
    this.heartbeat = this.m.process.later(this.m.spec['heartbeat.interval.ms'], () => {
      this.heartbeat = null;
      this.beat();
    });
  }

  private beat(): void {
    const state = stateOf(this.m);
    if (state !== 'syncing' && state !== 'stable') return;
    this.startHeartbeats();
    if (this.heartbeatInFlight || !this.ensure()) return;
    this.heartbeatInFlight = true;
    const coordinator = this.coordinator!;
    const done = (): void => {
      this.heartbeatInFlight = false;
    };
    const correlationId = this.m.requests.add<HeartbeatResponseMessage>(coordinator, 'coordinator', this.m.spec['request.timeout.ms'], (res) => {
      done();
      if (res.error === null) return this.answered();
      if (isCoordinatorError(res.error)) return this.markUnknown();
      this.m.rebalancer.onHeartbeatError(res.error);
    }, () => {
      done();
      this.markUnknown();
    });
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
    const correlationId = this.m.requests.add(this.coordinator, 'coordinator', this.m.spec['request.timeout.ms'], () => undefined, () => undefined);
    send(this.m, this.coordinator, { kind: 'leaveGroup', correlationId, group: this.m.group, memberId });
  }
}

registerClass('Coordination', Coordination);
