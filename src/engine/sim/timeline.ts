/**
 * A run the learner can scrub and branch: seek to any time already reached, forwards or back, and
 * act in the past, which forks a new timeline from there (the previous one stays restorable with
 * one undo).
 *
 * Mechanism: checkpoints of the whole engine (`sim.checkpoint()`) taken as the run advances —
 * every so many trace events, virtual seconds or (given the app's clock) wall milliseconds of
 * simulating — plus a bounded replay from the nearest checkpoint at or before the target. The replay is deterministic: the same seed and the same commands at the same times
 * give the same state, so a seek lands on exactly the cluster the learner saw.
 *
 * Commands are part of the timeline: each is recorded with its time, and a replay dispatches the
 * ones the checkpoint does not hold yet at their time (after the engine's events at that time, as
 * a live dispatch does: sim/commands.ts). Its contract and options are in timelineTypes.ts.
 */
import type { ScriptAction } from '../scenario/types';
import type { DispatchResult } from './commands';
import { createSimulation, restoreSimulation, type Command, type Simulation } from './simulation';
import type { Traced } from '../core/trace';
import { hasUnrestoredShapes } from '../core/graphCodec';
import type { Timeline, TimelineOptions } from './timelineTypes';

export type { Timeline, TimelineCompanion, TimelineOptions } from './timelineTypes';
import { bytesBeyond, checkpointDue, estimateBytes, keptSpacing, withinBudget, type Spacing, type Stored } from './checkpointStore';

/** Virtual ms a timeline runs between checks for a due checkpoint. */
const SLICE_MS = 250;
const DEFAULT_EVERY_EVENTS = 20_000;
const DEFAULT_EVERY_VIRTUAL_MS = 10_000;
const DEFAULT_EVERY_WALL_MS = 30;
/**
 * The checkpoints' share of the heap, as checkpointStore.ts estimates it (what they hold that the
 * live engine does not: ~200–400 KB a checkpoint at 5–10 minutes of the 10-minute workload, most
 * of it what changes whatever the spacing: the newest trace events, the messages on the wire, the
 * logs' newest batches). The heap grows about 1.6 MB per MB of estimate at the margin: on that
 * workload (bench/timeline.ts, sim.timeline.memory.mb) 88 MB kept 187 checkpoints for a heap of
 * 260 MB, 100 MB 219 for 275 MB, 120 MB 255 for 311 MB.
 */
const DEFAULT_BUDGET_BYTES = 100 * 1024 * 1024;

/** One line of history: its checkpoints, its commands, the furthest time it reached. */
interface Branch {
  stored: Stored[];
  commands: ScriptAction[];
  horizon: number;
}

export function createTimeline(input: unknown, options: TimelineOptions = {}): Timeline {
  return new SimulationTimeline(createSimulation(input, options), options);
}

class SimulationTimeline implements Timeline {
  sim: Simulation;
  private branch: Branch;
  private previous: { branch: Branch; at: number } | null = null;
  private readonly listeners = new Set<(event: Traced) => void>();
  /** Our subscription to `sim`: only while the timeline itself has listeners (see `attach`). */
  private unsubscribe: (() => void) | null = null;
  /** Index of this timeline's next command not yet applied to `sim`. */
  private nextCommand = 0;
  private wallSinceCheckpoint = 0;
  /** The id of the last event emitted when the last checkpoint was taken (or restored). */
  private eventIdAtCheckpoint = 0;
  private lastCheckpointWallMs = 0;
  private taken = 0;
  private readonly countedChunks = new WeakSet<object>();
  private readonly wallNow: () => number;
  private readonly spacing: Spacing;

  constructor(
    sim: Simulation,
    private readonly options: TimelineOptions,
  ) {
    this.sim = sim;
    this.wallNow = options.wallNow ?? (() => 0);
    this.spacing = {
      everyEvents: options.checkpointEveryEvents ?? DEFAULT_EVERY_EVENTS,
      everyVirtualMs: options.checkpointEveryVirtualMs ?? DEFAULT_EVERY_VIRTUAL_MS,
      everyWallMs: options.wallNow === undefined ? null : (options.checkpointEveryWallMs ?? DEFAULT_EVERY_WALL_MS),
    };
    this.branch = { stored: [], commands: (options.commands ?? []).map((c) => structuredClone(c)), horizon: 0 };
    this.store();
  }

  now(): number {
    return this.sim.now();
  }

  horizon(): number {
    return Math.max(this.branch.horizon, this.sim.now());
  }

  commands(): ScriptAction[] {
    return this.branch.commands.map((c) => structuredClone(c));
  }

  stats(): { checkpoints: number; bytes: number; taken: number } {
    return { checkpoints: this.branch.stored.length, bytes: this.branch.stored.reduce((n, s) => n + s.bytes, 0), taken: this.taken };
  }

  checkpointAtOrBefore(time: number): number {
    return this.storedAtOrBefore(time)?.time ?? 0;
  }

  private storedAtOrBefore(time: number): Stored | null {
    const stored = this.branch.stored;
    for (let i = stored.length - 1; i >= 0; i--) if (stored[i]!.time <= time) return stored[i]!;
    return null;
  }

  subscribe(listener: (event: Traced) => void): () => void {
    this.listeners.add(listener);
    if (this.listeners.size === 1) this.attach();
    return () => {
      if (this.listeners.delete(listener) && this.listeners.size === 0) this.detach();
    };
  }

  runUntil(time: number): void {
    const everyVirtual = this.spacing.everyVirtualMs;
    // At least once: the events due at `time` itself run even when the clock already shows it.
    do {
      const next = this.branch.commands[this.nextCommand];
      const now = this.sim.now();
      // Stop where the virtual-time rule makes a checkpoint due, unless that moment has passed (the
      // budget's spacing held it back): short slices then, so that it can fall due inside a long run.
      const dueAt = this.lastStored().time + everyVirtual;
      const stop = Math.min(time, next && next.at >= now ? next.at : Infinity, dueAt > now ? dueAt : Infinity, now + SLICE_MS);
      const started = this.wallNow();
      this.sim.runUntil(stop);
      this.wallSinceCheckpoint += this.wallNow() - started;
      this.applyDueCommands();
      this.maybeStore();
    } while (this.sim.now() < time);
    this.branch.horizon = Math.max(this.branch.horizon, this.sim.now());
  }

  step(): boolean {
    const started = this.wallNow();
    const more = this.sim.step();
    this.wallSinceCheckpoint += this.wallNow() - started;
    this.applyDueCommands();
    this.maybeStore();
    this.branch.horizon = Math.max(this.branch.horizon, this.sim.now());
    return more || this.nextCommand < this.branch.commands.length;
  }

  seek(time: number): Simulation {
    return this.seekFrom(time, false);
  }

  /** `fresh`: the live simulation is on another branch and must not be reused. */
  private seekFrom(time: number, fresh: boolean): Simulation {
    const target = Math.max(0, time);
    // The nearest checkpoint at or before the target; the live simulation if it is nearer.
    const best = this.storedAtOrBefore(target);
    if (best && (fresh || this.sim.now() > target || best.time > this.sim.now())) this.restore(best);
    this.runUntil(target);
    return this.sim;
  }

  dispatch(command: Command | unknown): DispatchResult & { forked: boolean } {
    // A command takes effect at a whole millisecond (a script action's `at` is an integer): a
    // playing cluster stands between two, so run to the next one first.
    if (!Number.isInteger(this.sim.now())) this.runUntil(Math.ceil(this.sim.now()));
    const now = this.sim.now();
    const hasFuture = this.nextCommand < this.branch.commands.length || this.branch.horizon > now;
    const result = this.sim.validate(command);
    if (result.length > 0) return { ok: false, errors: result, forked: false };
    let forked = false;
    if (hasFuture) {
      forked = true;
      this.previous = { branch: this.branch, at: now };
      this.branch = {
        stored: this.branch.stored.filter((s) => s.time < now || (s.time === now && s.commandCount <= this.nextCommand)),
        commands: this.branch.commands.slice(0, this.nextCommand),
        horizon: now,
      };
    }
    const applied = this.sim.dispatch(command);
    if (!applied.ok) return { ...applied, forked: false };
    this.branch.commands.push(applied.applied);
    this.nextCommand = this.branch.commands.length;
    // It runs now, with what it sets off at this instant (a replay does the same).
    this.sim.runUntil(now);
    return { ...applied, forked };
  }

  undoFork(): boolean {
    const previous = this.previous;
    if (!previous) return false;
    this.previous = null;
    this.branch = previous.branch;
    this.seekFrom(previous.at, true);
    return true;
  }

  private applyDueCommands(): void {
    for (;;) {
      const next = this.branch.commands[this.nextCommand];
      if (!next || next.at > this.sim.now()) return;
      const { at: _at, ...command } = next;
      this.sim.runUntil(next.at);
      const r = this.sim.dispatch(command);
      if (!r.ok) throw new Error(`a recorded command no longer applies at ${next.at} ms: ${r.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
      this.nextCommand++;
      // It runs now, with what it sets off at this instant, as it did when it was given.
      this.sim.runUntil(next.at);
    }
  }

  private lastStored(): Stored {
    return this.branch.stored[this.branch.stored.length - 1]!;
  }

  private maybeStore(): void {
    const last = this.lastStored();
    const now = this.sim.now();
    if (now <= last.time) return;
    const since = {
      events: this.lastEventId() - this.eventIdAtCheckpoint,
      virtualMs: now - last.time,
      wallMs: this.wallSinceCheckpoint,
      lastCostMs: this.lastCheckpointWallMs,
      minVirtualMs: keptSpacing(this.branch.stored, this.budgetBytes(), now),
    };
    if (checkpointDue(this.spacing, since)) this.store();
  }

  private store(): void {
    const started = this.wallNow();
    const checkpoint = this.sim.checkpoint();
    this.taken++;
    this.lastCheckpointWallMs = this.wallNow() - started;
    // The newest checkpoint held was counted into countedChunks, as every one this timeline holds.
    const previous = this.branch.stored[this.branch.stored.length - 1]?.checkpoint;
    const bytes = estimateBytes(checkpoint, this.countedChunks, previous);
    this.branch.stored.push({ time: checkpoint.time, commandCount: this.nextCommand, checkpoint, companion: this.options.companion?.save(), bytes });
    this.wallSinceCheckpoint = 0;
    this.eventIdAtCheckpoint = this.lastEventId();
    // Restored once off the record while it holds shapes never restored yet: the first seek then
    // finds the engine's code optimised on the fields as a restore leaves them (graphDecode.ts).
    // Every checkpoint held went through here: found without a new shape, or restored.
    if (hasUnrestoredShapes(checkpoint.graph, previous?.graph)) restoreSimulation(checkpoint);
    this.branch.stored = withinBudget(this.branch.stored, this.budgetBytes(), (next, previous) => bytesBeyond(next.checkpoint, previous.checkpoint));
  }

  private budgetBytes(): number {
    return this.options.memoryBudgetBytes ?? DEFAULT_BUDGET_BYTES;
  }

  private restore(stored: Stored): void {
    const listening = this.unsubscribe !== null;
    this.detach();
    this.sim = restoreSimulation(stored.checkpoint);
    if (listening) this.attach();
    this.nextCommand = stored.commandCount;
    this.wallSinceCheckpoint = 0;
    this.eventIdAtCheckpoint = this.lastEventId();
    if (this.options.companion) this.options.companion.restore(stored.companion);
  }

  /**
   * The id of the simulation's last event: the spacing rule counts events by it. Counting them in
   * a subscription of our own would make every run watched, and a watched run builds the wire's
   * events (MessageSent, MessageDelivered: over half of all events) that nobody here reads
   * (Emitter.watched): a quarter more time on the 10-minute workload.
   */
  private lastEventId(): number {
    return this.sim.eventsSince(Number.MAX_SAFE_INTEGER).cursor;
  }

  /** Subscribes to the current simulation, passing its events on to the timeline's listeners. */
  private attach(): void {
    if (this.unsubscribe) return;
    this.unsubscribe = this.sim.subscribe((event) => {
      for (const l of this.listeners) l(event);
    });
  }

  private detach(): void {
    this.unsubscribe?.();
    this.unsubscribe = null;
  }
}
