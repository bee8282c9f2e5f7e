/**
 * The engine's session inside the Web Worker: one timeline (the engine's: checkpoints, seek, fork,
 * undo) and the requests that move it. Long runs go in slices of a few milliseconds of wall time
 * so new requests get in and progress gets out; a newer advance, seek or load supersedes an older
 * one. Every engine call of the app lives here.
 */
import { builtInScenarios, createTimeline, simplifications, VERDICT_TYPES, type Command, type Simulation, type Timeline, type TraceEvent } from '../engine';
import { VerdictList } from './fates';
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
const VERDICTS = new Set<string>(VERDICT_TYPES);

interface Session {
  timeline: Timeline;
  verdicts: VerdictList;
  /** Dropped messages and error responses, for the view's falling and red tokens. */
  wire: WireTracker;
  /** Events since the last frame (the latest EVENTS_KEPT). */
  pending: TraceEvent[];
  /** Times of recent events, for "step back". */
  eventTimes: number[];
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
      case 'advance': {
        await this.runTo(s, request.to, request.id, 'run');
        // The end of the scenario: the report must be the final one, not one up to 250 ms old.
        const until = s.timeline.sim.scenario.until ?? Infinity;
        return this.postFrame(request.id, false, s.timeline.now() >= until);
      }
      case 'refresh':
        return this.postFrame(request.id, false, true);
      case 'seek':
        return this.seek(s, request.id, request.to);
      case 'step':
        this.stepToNextEvent(s);
        return this.postFrame(request.id, false, true);
      case 'stepBack': {
        const now = s.timeline.now();
        const earlier = s.eventTimes.filter((t) => t < now);
        return this.seek(s, request.id, earlier.length ? earlier[earlier.length - 1]! : 0);
      }
      case 'command':
        return this.command(s, request.id, request.command);
      case 'undoFork':
        if (s.timeline.undoFork()) this.deps.post({ type: 'frame', id: request.id, frame: this.frame(s, true, true), undone: true });
        return;
      case 'story':
        this.deps.post({ type: 'story', id: request.id, recordId: request.recordId, events: [...s.timeline.sim.story(request.recordId)] });
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
    const { seed, until } = session.timeline.sim.scenario;
    this.deps.post({ type: 'loaded', id, seed, until: until ?? 0, frame: this.frame(session, true, true) });
  }

  /** A fresh timeline of `scenario` at t = 0 that will replay `commands` at their times. */
  private start(scenario: unknown, commands: TimedCommand[]): Session {
    const verdicts = new VerdictList();
    const timeline = createTimeline(scenario, {
      wallNow: () => this.deps.wallNow(),
      companion: { save: () => verdicts.save(), restore: (saved) => verdicts.restore(saved) },
      commands: commands.map(({ time, command }) => ({ ...command, at: time }) as never),
    });
    const session: Session = { timeline, verdicts, wire: new WireTracker(), pending: [], eventTimes: [] };
    timeline.subscribe((event) => {
      if (VERDICTS.has(event.type)) verdicts.observe(event);
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
   * Shows the cluster at `to`: within the reached part of the timeline a seek restores the nearest
   * checkpoint and replays a bounded stretch; beyond it, the run goes on in slices.
   */
  private async seek(s: Session, id: number, to: number): Promise<void> {
    const { timeline } = s;
    if (to > timeline.horizon()) {
      await this.runTo(s, to, id, 'run');
      return this.postFrame(id, false, true);
    }
    timeline.seek(to);
    this.resetRecentEvents(s);
    this.postFrame(id, true, true);
  }

  /** After a seek the recent events are the restored run's: read them back from its event log. */
  private resetRecentEvents(s: Session): void {
    const held = s.timeline.sim.eventsSince(0).events;
    s.pending = held.slice(-EVENTS_KEPT);
    s.eventTimes = [...new Set(s.pending.map((e) => e.t))];
  }

  /** Runs to `to` in wall-time slices (the timeline applies recorded commands at their times). */
  private async runTo(s: Session, to: number, id: number, what: 'run' | 'replay'): Promise<void> {
    const { timeline } = s;
    const from = timeline.now();
    const started = this.deps.wallNow();
    let sliceStart = started;
    let chunk = 5;
    while (timeline.now() < to && !this.aborted) {
      const before = this.deps.wallNow();
      timeline.runUntil(Math.min(to, timeline.now() + chunk));
      const took = this.deps.wallNow() - before;
      chunk = took < 4 ? chunk * 2 : took > 16 ? Math.max(1, chunk / 2) : chunk;
      if (this.deps.wallNow() - sliceStart > SLICE_WALL_MS) {
        if (this.deps.wallNow() - started > PROGRESS_AFTER_WALL_MS) {
          this.deps.post({ type: 'progress', id, what, done: timeline.now() - from, total: to - from });
        }
        await this.deps.yieldToMessages();
        sliceStart = this.deps.wallNow();
      }
    }
  }

  /** A command now: before the horizon it forks the timeline (the engine keeps one undo). */
  private command(s: Session, id: number, command: Command): void {
    const { timeline } = s;
    const ahead = timeline.commands().filter((c) => c.at > timeline.now()).length;
    const result = timeline.dispatch(command);
    if (!result.ok) {
      this.deps.post({ type: 'error', id, kind: 'command', issues: result.errors.map((e) => ({ path: e.path, message: e.message })) });
      return;
    }
    this.deps.post({ type: 'frame', id, frame: this.frame(s, false, true), ...(result.forked ? { forked: Math.max(1, ahead) } : {}) });
  }

  /** Runs engine events until one emits a trace event (timers that change nothing are skipped). */
  private stepToNextEvent(s: Session): void {
    const seen = s.pending.length;
    for (let i = 0; i < 100_000 && s.pending.length === seen; i++) {
      if (!s.timeline.step()) break;
    }
  }

  private postFrame(id: number, resetEvents: boolean, forceReport = false): void {
    if (this.session) this.deps.post({ type: 'frame', id, frame: this.frame(this.session, resetEvents, forceReport) });
  }

  private frame(s: Session, resetEvents: boolean, forceReport: boolean): EngineFrame {
    const sim = s.timeline.sim;
    const snapshot = sim.snapshot();
    const wall = this.deps.wallNow();
    const withReport = forceReport || wall - this.lastReportAt > REPORT_EVERY_WALL_MS;
    if (withReport) this.lastReportAt = wall;
    const events = s.pending.slice(-EVENTS_KEPT);
    s.pending = [];
    return {
      time: sim.now(),
      snapshot,
      inFlight: inFlightOf(sim),
      events,
      resetEvents,
      report: withReport ? sim.report() : null,
      badRecords: withReport ? s.verdicts.badRecords() : null,
      commands: s.timeline.commands().map(({ at, ...command }) => ({ time: at, command: command as Command })),
      wire: s.wire.drain(resetEvents),
    };
  }
}

function inFlightOf(sim: Simulation): MessageInFlight[] {
  return [...sim.inFlight()];
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
