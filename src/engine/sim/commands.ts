/**
 * Commands, one contract: a script action and a command dispatched to a live simulation are the
 * same thing. Both are checked by the scenario parser's code (validateCommand), both wait in one
 * lane of plain data, and both run in the same slot: an action `{ "at": T }` runs once every
 * engine event due at T has run, after the actions written before it. So a session exported as a
 * scenario (its script followed by `commands()`) replays byte for byte.
 */
import type { Scenario, ScriptAction } from '../scenario/types';
import { validateCommand, type ScenarioIssue } from '../scenario/parse';
import type { EventQueue } from '../core/eventQueue';
import type { ProduceJobHandle } from '../producer';
import { registerClass } from '../core/graphRegistry';

export type DispatchResult = { ok: true; applied: ScriptAction } | { ok: false; errors: ScenarioIssue[] };

/**
 * The actions waiting to run, in (at, arrival) order: the scenario's script, then commands as
 * they are dispatched (always at the current time, so after every waiting action at that time).
 */
export class CommandLane {
  private readonly waiting: ScriptAction[];
  /** Script actions already run or waiting at times ≤ now, then applied commands (for validation). */
  private readonly script: readonly ScriptAction[];
  private readonly applied: ScriptAction[] = [];

  constructor(
    private readonly scenario: Scenario,
    private readonly queue: EventQueue,
    private readonly applier: { apply(action: ScriptAction): void },
  ) {
    this.script = scenario.script;
    this.waiting = [...scenario.script];
  }

  /** Runs the next thing: an engine event, or the next action once no event is due before or at its time. */
  step(): boolean {
    const next = this.waiting[0];
    if (next === undefined) return this.queue.step();
    if (this.queue.peekTime() <= next.at) return this.queue.step();
    // No engine event at or before `next.at` is left: move the clock there and run the action.
    this.queue.runUntil(next.at);
    this.waiting.shift();
    this.applier.apply(next);
    return true;
  }

  /**
   * `step` until `time`, a stretch of engine events at once: the events up to the next action's
   * time, then the action, and so on (no action is added while they run: commands come from outside).
   */
  runUntil(time: number): void {
    for (let next = this.waiting[0]; next !== undefined && next.at <= time; next = this.waiting[0]) {
      this.queue.runUntil(next.at);
      this.waiting.shift();
      this.applier.apply(next);
    }
    this.queue.runUntil(time);
  }

  validate(command: unknown): ScenarioIssue[] {
    const r = validateCommand(this.scenario, this.past(), command, this.queue.now);
    return r.ok ? [] : r.errors;
  }

  /** Checks the command; if it is valid, records it and queues it at the current time. */
  dispatch(command: unknown): DispatchResult {
    const r = validateCommand(this.scenario, this.past(), command, this.queue.now);
    if (!r.ok) return r;
    this.applied.push(r.action);
    // After every waiting action at or before now (the script is in time order).
    let i = 0;
    while (i < this.waiting.length && this.waiting[i]!.at <= r.action.at) i++;
    this.waiting.splice(i, 0, r.action);
    return { ok: true, applied: r.action };
  }

  /** The applied commands as script entries, in the order they run. */
  commands(): ScriptAction[] {
    return this.applied.map((a) => structuredClone(a));
  }

  /** What runs before a command dispatched now: script actions up to now, then the commands. */
  private past(): ScriptAction[] {
    const now = this.queue.now;
    return [...this.script.filter((a) => a.at <= now), ...this.applied];
  }
}

/** Each producer's running produce jobs, so that stopProducing can end them. */
export class ProduceJobs {
  private readonly byProducer = new Map<string, ProduceJobHandle[]>();

  add(producer: string, job: ProduceJobHandle): void {
    const running = (this.byProducer.get(producer) ?? []).filter((j) => !j.done);
    running.push(job);
    this.byProducer.set(producer, running);
  }

  /** Stops the producer's jobs (only those on `topic` when it is given). */
  stop(producer: string, topic?: string): void {
    for (const job of this.byProducer.get(producer) ?? []) if (topic === undefined || job.topic === topic) job.stop();
  }
}

registerClass('CommandLane', CommandLane, { blank: () => new CommandLane({ script: [] } as never, null as never, null as never) });

registerClass('ProduceJobs', ProduceJobs, { blank: () => new ProduceJobs() });
