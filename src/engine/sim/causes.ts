/**
 * Cause inference: which earlier event brought an event about, for events whose emitter did not
 * say (`cause` given by the emitter wins). Kept in one place so the emit sites stay plain; each
 * rule reads a few "last event of this kind here" registers and the per-record index.
 *
 *   Acked                ← the HW advance that committed the batch (acks=all), else the leader append
 *   Appended (leader)    ← the request that carried it; (follower) ← the leader's append
 *   ProduceRequested     ← the send (first attempt) or the error that made it retry
 *   SendFailed           ← the error that ended it
 *   ProduceErrored       ← (NETWORK_EXCEPTION) the broker's crash or the cut of one of its links
 *   Truncated            ← the partition's last leader election
 *   UnflushedDataLost    ← the power loss
 *   BrokerFenced         ← what stopped its heartbeats (crash, cut, slow link), or its restart
 *   BrokerRegistered     ← the restart;  BrokerUnfenced ← the registration
 *   LeaderElected, PartitionOffline ← the fencing of the previous leader (same instant), or the
 *                          unfencing / setting change that made a leader possible again
 *   IsrShrunk            ← the fencing of the removed replica, else what made it lag
 *   IsrExpanded          ← the restart of the replica that caught up
 *   ConsumerStarted      ← the member's stop before it (a restart)
 *   MemberLeft           ← the member's crash or close, or (leave-group) its poll timeout
 *   MemberJoined         ← the member leaving before (it comes back), else its start
 *   GroupStateChanged    ← (to PreparingRebalance) the member joining or leaving at that moment
 *   MemberAssigned       ← the start of the group's rebalance, or the member's join when later
 *   OffsetReset          ← (no committed offset) the member's assignment
 */
import type { TraceEvent, Traced } from '../core/trace';
import { linkKey } from './network';
import { ACKS_ALL, ACKS_NONE, type RecordEvents } from './recordEvents';
import { registerClass } from '../core/graphRegistry';

interface Last {
  id: number;
  t: number;
}

export class CauseTracker {
  private readonly lastElection = new Map<string, number>();
  private readonly lastCrash = new Map<number, number>();
  private readonly lastRestart = new Map<number, number>();
  private readonly lastRegistered = new Map<number, number>();
  /** What last kept a broker from heartbeating or fetching: a crash, a cut, a slowed link. */
  private readonly lastFault = new Map<number, number>();
  /** What last made a broker unreachable: its crash, or a cut of one of its links. */
  private readonly lastUnreachable = new Map<number, number>();
  private readonly lastFenced = new Map<number, Last>();
  /** The last event that can make an offline partition electable (unfence, setting change). */
  private lastEnabler: Last | null = null;
  /** Faults still in force: broker → its slowing (LinkSlowed above 0 ms), "a|b" → the cut of that link. */
  private readonly slowedNow = new Map<number, number>();
  private readonly cutNow = new Map<string, number>();
  /** "group/member" → its stop (crash, close) since its last start; its poll timeout; its last start, join and leave. */
  private readonly stopped = new Map<string, number>();
  private readonly pollTimedOut = new Map<string, number>();
  private readonly started = new Map<string, number>();
  private readonly joined = new Map<string, number>();
  private readonly left = new Map<string, number>();
  /** group → its last member joining or leaving, and the start of its last rebalance. */
  private readonly membership = new Map<string, Last>();
  private readonly rebalanceStart = new Map<string, number>();
  /** "group/member" → its last assignment. */
  private readonly assigned = new Map<string, number>();
  /** "topic-N@broker" → the ISR shrink that removed that replica, while it stays out. */
  private readonly outOfIsr = new Map<string, number>();

  constructor(private readonly records: RecordEvents) {}

  /** The cause of `e` (about to be emitted at its `t`), or 0 when none is known. */
  infer(e: TraceEvent): number {
    const r = this.records;
    switch (e.type) {
      case 'ProduceRequested': {
        const first = e.recordIds[0];
        if (first === undefined) return 0;
        return e.attempt > 1 ? r.get('error', first) : r.get('sent', first);
      }
      case 'Appended': {
        const first = e.recordIds[0];
        if (first === undefined) return 0;
        return e.role === 'leader' ? r.get('request', first) : r.get('append', first);
      }
      case 'Acked': {
        const last = e.recordIds[e.recordIds.length - 1];
        if (last === undefined) return 0;
        const acks = r.acks.get(last);
        if (acks === ACKS_NONE) return r.get('request', last);
        const commit = r.get('commit', last);
        return acks === ACKS_ALL && commit > 0 ? commit : r.get('append', last);
      }
      case 'SendFailed': {
        const first = e.recordIds[0];
        return first === undefined ? 0 : r.get('error', first);
      }
      case 'ProduceErrored':
        // The connection broke (NetworkClient.handleDisconnections fails its requests): the
        // broker's process died or a link on the way was cut.
        return e.error === 'NETWORK_EXCEPTION' ? (this.lastUnreachable.get(e.broker) ?? 0) : 0;
      case 'Truncated':
        return this.lastElection.get(`${e.topic}-${e.partition}`) ?? 0;
      case 'UnflushedDataLost':
        return this.lastCrash.get(e.broker) ?? 0;
      case 'BrokerFenced':
        return (e.reason === 're-registration' ? this.lastRestart.get(e.broker) : this.lastFault.get(e.broker)) ?? 0;
      case 'BrokerRegistered':
        return this.lastRestart.get(e.broker) ?? 0;
      case 'BrokerUnfenced':
        return this.lastRegistered.get(e.broker) ?? 0;
      case 'LeaderElected':
      case 'PartitionOffline': {
        const fenced = this.lastFenced.get(e.previousLeader);
        if (fenced && fenced.t === e.t) return fenced.id;
        return this.lastEnabler && this.lastEnabler.t === e.t ? this.lastEnabler.id : 0;
      }
      case 'IsrShrunk': {
        for (const b of e.removed) {
          const fenced = this.lastFenced.get(b);
          if (fenced && fenced.t === e.t) return fenced.id;
        }
        for (const b of e.removed) {
          const fault = this.lastFault.get(b);
          if (fault) return fault;
        }
        return 0;
      }
      case 'IsrExpanded':
        return this.lastRestart.get(e.added[0] ?? -1) ?? 0;
      // A group's rebalance, from what started it to where a member starts reading (a record
      // processed twice, or skipped, tells its story through them).
      case 'ConsumerStarted':
        return this.stopped.get(`${e.group}/${e.member}`) ?? 0;
      case 'MemberLeft': {
        const member = `${e.group}/${e.member}`;
        return this.stopped.get(member) ?? (e.reason === 'leave-group' ? this.pollTimedOut.get(member) : undefined) ?? 0;
      }
      case 'MemberJoined': {
        // Back after it left (a poll timeout, a session timeout), else because it started.
        const member = `${e.group}/${e.member}`;
        return this.left.get(member) ?? this.started.get(member) ?? 0;
      }
      case 'GroupStateChanged': {
        const last = this.membership.get(e.group);
        return e.to === 'PreparingRebalance' && last && last.t === e.t ? last.id : 0;
      }
      case 'MemberAssigned':
        // The group's rebalance, or the member's own join when later (a static member back
        // within its session gets its partitions without one).
        return Math.max(this.rebalanceStart.get(e.group) ?? 0, this.joined.get(`${e.group}/${e.member}`) ?? 0);
      case 'OffsetReset':
        // No committed offset for a partition it was just given: auto.offset.reset places it.
        return e.reason === 'no-committed-offset' ? (this.assigned.get(`${e.group}/${e.member}`) ?? 0) : 0;
      default:
        return 0;
    }
  }

  /**
   * Why `broker` lacked records of `topic-partition` its old leader `leader` had, or 0: the ISR
   * shrink that left it behind (an unclean election picks such a replica; the shrink's own cause is
   * the fault), else a fault still in force — its slowed links, a cut between it and the leader,
   * else any cut of its links (acks=0 and acks=1 acknowledge before followers copy).
   */
  heldBack(topic: string, partition: number, broker: number, leader: number): number {
    const shrink = this.outOfIsr.get(`${topic}-${partition}@${broker}`);
    if (shrink) return shrink;
    const slowed = this.slowedNow.get(broker);
    if (slowed) return slowed;
    const direct = this.cutNow.get(linkKey(`b${broker}`, `b${leader}`));
    if (direct) return direct;
    for (const [key, id] of this.cutNow) if (key.split('|').includes(`b${broker}`)) return id;
    return 0;
  }

  /** Updates the registers after `e` went out. */
  observe(e: Traced): void {
    switch (e.type) {
      case 'LeaderElected':
        return void this.lastElection.set(`${e.topic}-${e.partition}`, e.id);
      case 'BrokerCrashed':
        this.lastCrash.set(e.broker, e.id);
        this.lastUnreachable.set(e.broker, e.id);
        return void this.lastFault.set(e.broker, e.id);
      case 'BrokerRestarted':
        return void this.lastRestart.set(e.broker, e.id);
      case 'BrokerRegistered':
        return void this.lastRegistered.set(e.broker, e.id);
      case 'BrokerFenced':
        return void this.lastFenced.set(e.broker, { id: e.id, t: e.t });
      case 'BrokerUnfenced':
      case 'SettingChanged':
        this.lastEnabler = { id: e.id, t: e.t };
        return;
      case 'ConsumerStarted': {
        const member = `${e.group}/${e.member}`;
        this.stopped.delete(member);
        this.pollTimedOut.delete(member);
        return void this.started.set(member, e.id);
      }
      case 'ConsumerStopped':
        return void this.stopped.set(`${e.group}/${e.member}`, e.id);
      case 'RebalanceNeeded':
        if (e.reason === 'poll-timeout') this.pollTimedOut.set(`${e.group}/${e.member}`, e.id);
        return;
      case 'MemberJoined':
        this.joined.set(`${e.group}/${e.member}`, e.id);
        this.left.delete(`${e.group}/${e.member}`);
        return void this.membership.set(e.group, { id: e.id, t: e.t });
      case 'MemberLeft':
        this.left.set(`${e.group}/${e.member}`, e.id);
        return void this.membership.set(e.group, { id: e.id, t: e.t });
      case 'GroupStateChanged':
        if (e.to === 'PreparingRebalance') this.rebalanceStart.set(e.group, e.id);
        return;
      case 'MemberAssigned':
        return void this.assigned.set(`${e.group}/${e.member}`, e.id);
      case 'IsrShrunk':
        for (const b of e.removed) this.outOfIsr.set(`${e.topic}-${e.partition}@${b}`, e.id);
        return;
      case 'IsrExpanded':
        for (const b of e.added) this.outOfIsr.delete(`${e.topic}-${e.partition}@${b}`);
        return;
      case 'LinkSlowed':
        if (e.latencyMs > 0) this.slowedNow.set(e.broker, e.id);
        else this.slowedNow.delete(e.broker);
        return void this.lastFault.set(e.broker, e.id);
      case 'LinkHealed':
        if (e.between) this.cutNow.delete(linkKey(e.between[0], e.between[1]));
        else this.cutNow.clear();
        return;
      case 'LinkCut':
        this.cutNow.set(linkKey(e.between[0], e.between[1]), e.id);
        for (const node of e.between) {
          const broker = brokerOf(node);
          if (broker === null) continue;
          this.lastFault.set(broker, e.id);
          this.lastUnreachable.set(broker, e.id);
        }
        return;
      default:
        return;
    }
  }
}

function brokerOf(node: string): number | null {
  return /^b\d+$/.test(node) ? Number(node.slice(1)) : null;
}

registerClass('CauseTracker', CauseTracker, { blank: () => new CauseTracker(null as never) });
