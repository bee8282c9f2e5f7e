/**
 * The engine's session inside the Web Worker: one simulation, the learner's commands on its
 * timeline, and the requests that move it. Long runs go in slices of a few milliseconds of wall
 * time so new requests get in and progress gets out; a newer advance, seek or load supersedes an
 * older one. Every engine call of the app lives here, so the engine's coming `seek`, `inFlight`,
 * `validate` and `story` replace one function each.
 */
import { builtInScenarios, createSimulation, simplifications, type Command, type Simulation, type TraceEvent } from '../engine';
import { FateTracker } from './fates';
import { WireTracker } from './wire';
import type { EngineFrame, Issue, MessageInFlight, TimedCommand, WorkerRequest, WorkerResponse } from './protocol';

export interface HostDeps {
  post(message: WorkerResponse): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  wallNow(): number;
  /** Lets queued messages in: resolves on the next turn of the worker's event loop. */
  yieldToMessages(): Promise<void>;
}

const SLICE_WALL_MS = 25;
const PROGRESS_AFTER_WALL_MS = 500;
const REPORT_EVERY_WALL_MS = 250;
const EVENTS_KEPT = 400;
const SUPERSEDABLE = new Set<WorkerRequest['type']>(['advance', 'seek']);

interface Session {
  scenario: unknown;
  sim: Simulation;
  fates: FateTracker;
  /** Dropped messages and error responses, for the view's falling and red tokens. */
  wire: WireTracker;
  /** Events since the last frame (the latest EVENTS_KEPT). */
  pending: TraceEvent[];
  /** Times of recent events, for "step back". */
  eventTimes: number[];
  commands: TimedCommand[];
  /** Index of the first command not yet applied on this run. */
  nextCommand: number;
}

export class EngineHost {
  private session: Session | null = null;
  private queue: WorkerRequest[] = [];
  private running = false;
  private aborted = false;
  private currentType: WorkerRequest['type'] | null = null;
  private lastReportAt = -Infinity;

  constructor(private readonly deps: HostDeps) {
    deps.post({
      type: 'catalogue',
      scenarios: builtInScenarios.map(({ id, title, summary, scenario }) => ({ id, title, summary, scenario })),
      simplifications: simplifications.map(({ id, text }) => ({ id, text })),
    });
  }

  receive(request: WorkerRequest): void {
    if (request.type === 'load') {
      this.queue = [];
      if (this.running) this.aborted = true;
    } else if (SUPERSEDABLE.has(request.type)) {
      this.queue = this.queue.filter((r) => !SUPERSEDABLE.has(r.type));
      if (this.running && this.currentType && SUPERSEDABLE.has(this.currentType)) this.aborted = true;
    }
    this.queue.push(request);
    if (!this.running) void this.drain();
  }

  /** Resolves when every queued request is handled (for tests). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await this.deps.yieldToMessages();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length) {
      const request = this.queue.shift()!;
      this.aborted = false;
      this.currentType = request.type;
      try {
        await this.handle(request);
      } catch (err) {
        this.deps.post({ type: 'error', id: request.id, kind: 'engine', issues: [{ path: '', message: messageOf(err) }] });
      }
    }
    this.currentType = null;
    this.running = false;
  }

  private async handle(request: WorkerRequest): Promise<void> {
    if (request.type === 'load') return this.load(request.id, request.scenario, request.commands ?? [], request.at ?? 0);
    const s = this.session;
    if (!s) return;
    switch (request.type) {
      case 'advance':
        await this.runTo(s, request.to, request.id, 'run');
        return this.postFrame(request.id, false);
      case 'seek':
        return this.seek(s, request.id, request.to);
      case 'step':
        this.stepToNextEvent(s);
        return this.postFrame(request.id, false, true);
      case 'stepBack': {
        const now = s.sim.now();
        const earlier = s.eventTimes.filter((t) => t < now);
        return this.seek(s, request.id, earlier.length ? earlier[earlier.length - 1]! : 0);
      }
      case 'command':
        return this.command(s, request.id, request.command);
      case 'story':
        this.deps.post({ type: 'story', id: request.id, recordId: request.recordId, events: storyOf(s.sim, request.recordId) });
        return;
    }
  }

  private async load(id: number, scenario: unknown, commands: TimedCommand[], at: number): Promise<void> {
    let session: Session;
    try {
      session = this.start(scenario, commands);
    } catch (err) {
      this.deps.post({ type: 'error', id, kind: 'scenario', issues: issuesOf(err) });
      return;
    }
    this.session = session;
    if (at > 0) await this.runTo(session, at, id, 'replay');
    const { seed, until } = session.sim.scenario;
    this.deps.post({ type: 'loaded', id, seed, until: until ?? 0, frame: this.frame(session, true, true) });
  }

  /** A fresh simulation of `scenario` at t = 0 that will replay `commands`. */
  private start(scenario: unknown, commands: TimedCommand[]): Session {
    const sim = createSimulation(scenario);
    const session: Session = { scenario, sim, fates: new FateTracker(), wire: new WireTracker(), pending: [], eventTimes: [], commands, nextCommand: 0 };
    sim.subscribe((event) => {
      session.fates.observe(event);
      session.wire.observe(event);
      session.pending.push(event);
      if (session.pending.length > EVENTS_KEPT * 2) session.pending.splice(0, session.pending.length - EVENTS_KEPT);
      const times = session.eventTimes;
      if (times[times.length - 1] !== event.t) {
        times.push(event.t);
        if (times.length > EVENTS_KEPT * 2) times.splice(0, times.length - EVENTS_KEPT);
      }
    });
    return session;
  }

  /**
   * Shows the cluster at `to`. The engine has no seek yet, so going back replays from t = 0 with
   * the same scenario and commands (deterministic: the same state). A real seek replaces this.
   */
  private async seek(s: Session, id: number, to: number): Promise<void> {
    let session = s;
    if (to < s.sim.now()) {
      session = this.start(s.scenario, s.commands);
      this.session = session;
    }
    await this.runTo(session, to, id, session === s ? 'run' : 'replay');
    this.postFrame(id, session !== s, true);
  }

  /** Runs to `to` in wall-time slices, applying recorded commands at their times. */
  private async runTo(s: Session, to: number, id: number, what: 'run' | 'replay'): Promise<void> {
    const { sim } = s;
    const from = sim.now();
    const started = this.deps.wallNow();
    let sliceStart = started;
    let chunk = 5;
    while (sim.now() < to && !this.aborted) {
      const next = s.commands[s.nextCommand];
      const target = next && next.time <= to ? Math.max(next.time, sim.now()) : to;
      while (sim.now() < target && !this.aborted) {
        const before = this.deps.wallNow();
        sim.runUntil(Math.min(target, sim.now() + chunk));
        const took = this.deps.wallNow() - before;
        chunk = took < 4 ? chunk * 2 : took > 16 ? Math.max(1, chunk / 2) : chunk;
        if (this.deps.wallNow() - sliceStart > SLICE_WALL_MS) {
          if (this.deps.wallNow() - started > PROGRESS_AFTER_WALL_MS) {
            this.deps.post({ type: 'progress', id, what, done: sim.now() - from, total: to - from });
          }
          await this.deps.yieldToMessages();
          sliceStart = this.deps.wallNow();
        }
      }
      if (next && next.time <= to && sim.now() >= next.time && !this.aborted) {
        this.apply(s, next.command);
        s.nextCommand++;
      }
    }
  }

  /** A command now: it forks the timeline when recorded commands lie ahead. */
  private command(s: Session, id: number, command: Command): void {
    // A command takes effect at a whole millisecond (a script action's `at` is an integer), and the
    // engine validates it at its own now: run to that millisecond first, or a playing cluster (now
    // fractional) has every command refused with "at: must be an integer".
    const time = Math.ceil(s.sim.now());
    s.sim.runUntil(time);
    const problems = validate(s.sim, command);
    if (problems.length) {
      this.deps.post({ type: 'error', id, kind: 'command', issues: problems });
      return;
    }
    const dropped = s.commands.length - s.nextCommand;
    s.commands = [...s.commands.slice(0, s.nextCommand), { time, command }];
    s.nextCommand = s.commands.length;
    this.apply(s, command);
    this.deps.post({ type: 'frame', id, frame: this.frame(s, false, true), ...(dropped > 0 ? { forked: dropped } : {}) });
  }

  /** Dispatches and runs what the command set off at this same instant (replays do the same). */
  private apply(s: Session, command: Command): void {
    s.sim.dispatch(command);
    s.sim.runUntil(s.sim.now());
  }

  /**
   * Runs engine events until one emits a trace event (timers that change nothing are skipped).
   * Recorded commands that fall due are applied as soon as the step passes their time.
   */
  private stepToNextEvent(s: Session): void {
    const seen = s.pending.length;
    for (let i = 0; i < 100_000 && s.pending.length === seen; i++) {
      if (!s.sim.step()) break;
      const next = s.commands[s.nextCommand];
      if (next && next.time <= s.sim.now()) {
        this.apply(s, next.command);
        s.nextCommand++;
      }
    }
  }

  private postFrame(id: number, resetEvents: boolean, forceReport = false): void {
    if (this.session) this.deps.post({ type: 'frame', id, frame: this.frame(this.session, resetEvents, forceReport) });
  }

  private frame(s: Session, resetEvents: boolean, forceReport: boolean): EngineFrame {
    const snapshot = s.sim.snapshot();
    const wall = this.deps.wallNow();
    const withReport = forceReport || wall - this.lastReportAt > REPORT_EVERY_WALL_MS;
    if (withReport) this.lastReportAt = wall;
    const events = s.pending.slice(-EVENTS_KEPT);
    s.pending = [];
    return {
      time: s.sim.now(),
      snapshot,
      inFlight: inFlightOf(s.sim),
      events,
      resetEvents,
      report: withReport ? s.sim.report() : null,
      badRecords: withReport ? s.fates.badRecords(snapshot) : null,
      commands: s.commands,
      wire: s.wire.drain(resetEvents),
    };
  }
}

/** `sim.inFlight()` once the engine has it; [] until then. */
function inFlightOf(sim: Simulation): MessageInFlight[] {
  const withInFlight = sim as Simulation & { inFlight?: () => readonly MessageInFlight[] };
  return typeof withInFlight.inFlight === 'function' ? [...withInFlight.inFlight()] : [];
}

/** `sim.story(recordId)` once the engine has it; null until then. */
function storyOf(sim: Simulation, recordId: number): TraceEvent[] | null {
  const withStory = sim as Simulation & { story?: (id: number) => readonly TraceEvent[] };
  return typeof withStory.story === 'function' ? [...withStory.story(recordId)] : null;
}

/** `sim.validate(command)` once the engine has it; no checks until then. */
function validate(sim: Simulation, command: Command): Issue[] {
  const withValidate = sim as Simulation & { validate?: (c: Command) => readonly Issue[] | { ok: boolean; errors?: Issue[] } };
  if (typeof withValidate.validate !== 'function') return [];
  const result = withValidate.validate(command);
  if (Array.isArray(result)) return [...result];
  const r = result as { ok: boolean; errors?: Issue[] };
  return r.ok ? [] : (r.errors ?? [{ path: '', message: 'invalid command' }]);
}

/** A ScenarioError's problems: all of them (`issues`) once the parser lists them, else its one path. */
function issuesOf(err: unknown): Issue[] {
  const e = err as { issues?: Issue[]; path?: string; reason?: string };
  if (Array.isArray(e.issues) && e.issues.length) return e.issues.map((i) => ({ path: String(i.path), message: i.message }));
  if (typeof e.path === 'string') return [{ path: e.path, message: e.reason ?? messageOf(err) }];
  return [{ path: '', message: messageOf(err) }];
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
