/**
 * A broker's periodic work, each on its own timer of the current process: the heartbeat to the
 * controller, the ISR check (every half of replica.lag.time.max.ms, as ReplicaManager.startup
 * schedules it), the retention check, and the log flusher (only with log.flush.scheduler.interval.ms).
 * The timers die with the process (BrokerCore.later); a restarted process starts them again.
 */
import type { BrokerCore } from './brokerCore';
import { applyRetention, flushDueLogs } from './replicaLog';
import { registerClass } from '../core/graphRegistry';
import { defineTask } from '../core/tasks';

/** What the timers set off in the other parts of the broker. */
export interface TimerHooks {
  isUp(): boolean;
  /** Heartbeat to the controller (brokerSession.ts). */
  sendHeartbeat(): void;
  /** Shrink the ISR of led partitions whose followers lag (leaderReplication.ts). */
  shrinkIsrWhereLagging(): void;
}

const HEARTBEAT = defineTask('broker.heartbeat', (timers: BrokerTimers) => timers.heartbeatTick());
const ISR_CHECK = defineTask('broker.isrCheck', (timers: BrokerTimers) => timers.isrCheckTick());
const RETENTION_CHECK = defineTask('broker.retentionCheck', (timers: BrokerTimers) => timers.retentionTick());
const LOG_FLUSHER = defineTask('broker.logFlusher', (timers: BrokerTimers) => timers.flusherTick());

export class BrokerTimers {
  private flusherRunning = false;

  constructor(
    private readonly core: BrokerCore,
    private readonly hooks: TimerHooks,
  ) {}

  start(): void {
    const settings = this.core.ctx.config.broker;
    this.core.later(settings['broker.heartbeat.interval.ms'], HEARTBEAT, this);
    // Kafka checks the ISR every half of replica.lag.time.max.ms (ReplicaManager.startup).
    this.core.later(settings['replica.lag.time.max.ms'] / 2, ISR_CHECK, this);
    this.core.later(settings['log.retention.check.interval.ms'], RETENTION_CHECK, this);
    this.startFlusherIfConfigured();
  }

  /** The process died: its timers are gone with it (`later` drops them), the flusher too. */
  reset(): void {
    this.flusherRunning = false;
  }

  /** @internal The HEARTBEAT task. */
  heartbeatTick(): void {
    this.hooks.sendHeartbeat();
    this.core.later(this.core.ctx.config.broker['broker.heartbeat.interval.ms'], HEARTBEAT, this);
  }

  /** @internal The ISR_CHECK task. */
  isrCheckTick(): void {
    this.hooks.shrinkIsrWhereLagging();
    this.core.later(this.core.ctx.config.broker['replica.lag.time.max.ms'] / 2, ISR_CHECK, this);
  }

  /** @internal The RETENTION_CHECK task. */
  retentionTick(): void {
    applyRetention(this.core);
    this.core.later(this.core.ctx.config.broker['log.retention.check.interval.ms'], RETENTION_CHECK, this);
  }

  /**
   * Kafka's log flusher runs every `log.flush.scheduler.interval.ms` (default: never) and flushes
   * logs whose `flush.ms` has passed; without the scheduler, `flush.ms` alone never triggers.
   */
  startFlusherIfConfigured(): void {
    const interval = this.core.ctx.config.broker['log.flush.scheduler.interval.ms'];
    if (this.flusherRunning || interval === null || !this.hooks.isUp()) return;
    this.flusherRunning = true;
    this.core.later(interval, LOG_FLUSHER, this);
  }

  /** @internal The LOG_FLUSHER task. */
  flusherTick(): void {
    const every = this.core.ctx.config.broker['log.flush.scheduler.interval.ms'];
    if (every === null) {
      this.flusherRunning = false;
      return;
    }
    flushDueLogs(this.core);
    this.core.later(every, LOG_FLUSHER, this);
  }
}

registerClass('BrokerTimers', BrokerTimers, { blank: () => new BrokerTimers(null as never, null as never) });
