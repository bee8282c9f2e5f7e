/**
 * The engine's session inside the Web Worker: one timeline (the engine's: checkpoints, seek, fork,
 * undo) and the requests that move it. Long runs go in slices of a few milliseconds of wall time
 * so new requests get in and progress gets out; a newer advance, seek or load supersedes an older
 * one. Every engine call of the app lives here.
 */
import { builtInScenarios, simplifications, type Command } from '../engine';
import { issuesOf, messageOf } from './issues';
import { FramePost } from './framePost';
import { keepFrame, keptFrame, resetRecentEvents, stepToNextEvent, type Session } from './session';
import { ScrubSettle } from './scrubSettle';
import { startSession } from './startSession';
import type { ProgressKind, TimedCommand, WorkerRequest, WorkerResponse } from './protocol';

export interface HostDeps {
  post(message: WorkerResponse): void;
  /** Wall-clock milliseconds (performance.now in the worker). */
  wallNow(): number;
  /** Lets queued messages in: resolves on the next turn of the worker's event loop. */
  yieldToMessages(): Promise<void>;
  /** Resolves after `ms` of wall time, letting messages in meanwhile (default: turns of yieldToMessages). */
  sleep?(ms: number): Promise<void>;
}

const SLICE_WALL_MS = 25;
const PROGRESS_AFTER_WALL_MS = 500;
/** Progress goes out at most this often: each one re-renders part of the page. */
const PROGRESS_EVERY_WALL_MS = 200;
/** A report owed to a frame (a fork's, an undo's) is made this long after it, about two animation frames. */
const REPORT_AFTER_FRAME_WALL_MS = 32;
export class EngineHost {
  private session: Session | null = null;
  private queue: WorkerRequest[] = [];
  private running = false;
  private aborted = false;
  private currentType: WorkerRequest['type'] | null = null;
  private readonly settle: ScrubSettle;
  private readonly out: FramePost;

  constructor(private readonly deps: HostDeps) {
    this.settle = new ScrubSettle(deps.wallNow, (ms) => this.sleep(ms));
    this.out = new FramePost({ post: deps.post, wallNow: deps.wallNow, waiting: () => this.queue.length });
    deps.post({
      type: 'catalogue',
      scenarios: builtInScenarios.map(({ id, title, summary, scenario }) => ({ id, title, summary, scenario })),
      simplifications: simplifications.map(({ id, text }) => ({ id, text })),
    });
  }

  /**
   * Latest wins: a load replaces everything; a seek replaces queued seeks and advances and cuts
   * the one running (and answers at once from the kept frames); an advance replaces queued
   * advances and cuts a running advance, never a seek (Play after a scrub starts from the exact
   * state). Every replaced request is answered `superseded`.
   */
  receive(request: WorkerRequest): void {
    const replaces = (types: WorkerRequest['type'][]): void => {
      const dropped = this.queue.filter((r) => types.includes(r.type));
      this.queue = this.queue.filter((r) => !types.includes(r.type));
      for (const r of dropped) this.deps.post({ type: 'superseded', id: r.id });
      if (this.running && this.currentType && types.includes(this.currentType)) this.aborted = true;
    };
    if (request.type === 'load') {
      replaces(this.queue.map((r) => r.type));
      if (this.running) this.aborted = true;
    } else if (request.type === 'seek') {
      replaces(['seek', 'advance']);
      this.settle.arrived(request);
      if (this.session && this.currentType !== 'load' && !this.queue.some((r) => r.type === 'load')) this.preview(this.session, request.id, request.to);
    } else if (request.type === 'advance') {
      replaces(['advance']);
    }
    this.queue.push(request);
    this.settle.interrupt();
    if (!this.running) void this.drain();
  }

  /** Resolves when every queued request is handled (for tests). */
  async idle(): Promise<void> {
    while (this.running || this.queue.length) await this.deps.yieldToMessages();
  }

  private async drain(): Promise<void> {
    this.running = true;
    while (this.queue.length || this.out.owedReport !== null) {
      if (!this.queue.length) {
        // The report of the frame shown goes out once nothing else waits (a request that comes
        // meanwhile goes first), and a moment after the frame: the page draws it with the CPU to
        // itself, rather than beside the report being made.
        await this.settle.pause(REPORT_AFTER_FRAME_WALL_MS);
        if (!this.queue.length) await this.guarded(this.out.owedReport ?? 0, async () => this.out.postOwedReport(this.session));
        continue;
      }
      const request = this.queue.shift()!;
      this.aborted = false;
      this.currentType = request.type;
      await this.guarded(request.id, () => this.handle(request));
    }
    this.currentType = null;
    this.running = false;
  }

  /** Runs `work`; an engine failure is answered as an error of request `id`, and the worker goes on. */
  private async guarded(id: number, work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (err) {
      this.deps.post({ type: 'error', id, kind: 'engine', issues: [{ path: '', message: messageOf(err) }] });
    }
  }

  private async handle(request: WorkerRequest): Promise<void> {
    if (request.type === 'load') return this.load(request.id, request.scenario, request.commands ?? [], request.at ?? 0);
    const s = this.session;
    if (!s) return;
    switch (request.type) {
      case 'advance': {
        await this.runTo(s, request.to, request.id, 'run');
        if (this.aborted) return this.superseded(request.id);
        // The end of the scenario: the report must be the final one, not one up to 250 ms old.
        const until = s.timeline.sim.scenario.until ?? Infinity;
        return this.postFrame(request.id, false, s.timeline.now() >= until ? 'fresh' : 'due');
      }
      case 'refresh':
        return this.postFrame(request.id, false, 'fresh');
      case 'seek':
        return this.seek(s, request, request.to);
      case 'step':
        stepToNextEvent(s);
        return this.postFrame(request.id, false, 'fresh');
      case 'stepBack': {
        const now = s.timeline.now();
        const earlier = s.eventTimes.filter((t) => t < now);
        return this.seek(s, request, earlier.length ? earlier[earlier.length - 1]! : 0);
      }
      case 'command':
        return this.command(s, request.id, request.command);
      case 'undoFork':
        if (s.timeline.undoFork()) {
          s.history = s.previousHistory ?? s.history;
          s.previousHistory = null;
          s.lastReport = null;
          this.postFrame(request.id, true, 'after', { undone: true });
        }
        return;
      case 'story':
        this.deps.post({ type: 'story', id: request.id, recordId: request.recordId, events: [...s.timeline.sim.story(request.recordId)] });
        return;
    }
  }

  private async load(id: number, scenario: unknown, commands: TimedCommand[], at: number): Promise<void> {
    let session: Session;
    try {
      session = startSession(scenario, commands, () => this.deps.wallNow());
    } catch (err) {
      this.deps.post({ type: 'error', id, kind: 'scenario', issues: issuesOf(err) });
      return;
    }
    this.session = session;
    this.out.owedReport = null;
    keepFrame(session, this.deps.wallNow);
    if (at > 0) await this.runTo(session, at, id, 'replay');
    if (this.aborted) return this.superseded(id);
    const { seed, until } = session.timeline.sim.scenario;
    this.deps.post({ type: 'loaded', id, seed, until: until ?? 0, frame: this.out.frame(session, true, 'with') });
  }

  /**
   * Shows the cluster exactly at `to` (the preview, if any, went out as the request arrived).
   * Within the reached part of the timeline: once the scrubs rest (`settle`), restore the nearest
   * checkpoint (one synchronous step) unless the live cluster is nearer, then replay in slices
   * that a newer scrub cuts. Beyond it, the run goes on in slices.
   */
  private async seek(s: Session, request: WorkerRequest, to: number): Promise<void> {
    const { timeline } = s;
    const { id } = request;
    const started = this.deps.wallNow();
    if (to > timeline.horizon()) {
      await this.runTo(s, to, id, 'run');
      return this.aborted ? this.superseded(id) : this.postFrame(id, false, 'fresh');
    }
    if (request.type === 'seek') await this.settle.wait(request);
    if (this.aborted) return this.superseded(id);
    const live = timeline.now();
    const from = timeline.checkpointAtOrBefore(to);
    if (live > to || live < from) {
      if (s.restoreCostMs > PROGRESS_AFTER_WALL_MS / 2) this.deps.post({ type: 'progress', id, what: 'seek', done: 0, total: to - from });
      const before = this.deps.wallNow();
      timeline.seek(from);
      s.restoreCostMs = this.deps.wallNow() - before;
      // A scrub that came during the restore replaces this one before any replay.
      await this.deps.yieldToMessages();
      if (this.aborted) return this.superseded(id);
    }
    await this.runTo(s, to, id, 'seek', started);
    if (this.aborted) return this.superseded(id);
    resetRecentEvents(s);
    this.postFrame(id, true, 'fresh');
  }

  /** A scrub's immediate answer: the kept frame nearest at or before `to`, with its own time. */
  private preview(s: Session, id: number, to: number): void {
    if (to > s.timeline.horizon()) return;
    const kept = s.history.at(to);
    if (kept) this.deps.post({ type: 'preview', id, target: to, frame: keptFrame(s, kept) });
  }

  private superseded(id: number): void {
    this.deps.post({ type: 'superseded', id });
  }

  private sleep(ms: number): Promise<void> {
    if (this.deps.sleep) return this.deps.sleep(ms);
    const until = this.deps.wallNow() + ms;
    const turn = async (): Promise<void> => {
      while (this.deps.wallNow() < until && !this.aborted) await this.deps.yieldToMessages();
    };
    return turn();
  }

  /**
   * Runs to `to` in wall-time slices (the timeline applies recorded commands at their times),
   * keeping a frame at each due time of the history on the way.
   */
  private async runTo(s: Session, to: number, id: number, what: ProgressKind, started = this.deps.wallNow()): Promise<void> {
    const { timeline } = s;
    const from = timeline.now();
    let sliceStart = this.deps.wallNow();
    let progressAt = -Infinity;
    let chunk = 5;
    while (timeline.now() < to && !this.aborted) {
      const before = this.deps.wallNow();
      const due = s.history.nextDue();
      timeline.runUntil(Math.min(to, timeline.now() + chunk, due > timeline.now() ? due : Infinity));
      if (timeline.now() >= due) keepFrame(s, this.deps.wallNow);
      const took = this.deps.wallNow() - before;
      chunk = took < 4 ? chunk * 2 : took > 16 ? Math.max(1, chunk / 2) : chunk;
      if (this.deps.wallNow() - sliceStart > SLICE_WALL_MS) {
        const wall = this.deps.wallNow();
        if (wall - started > PROGRESS_AFTER_WALL_MS && wall - progressAt >= PROGRESS_EVERY_WALL_MS) {
          progressAt = wall;
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
    if (result.forked) {
      const at = timeline.now();
      s.previousHistory = s.history.fork(at);
      if (s.lastReport && s.lastReport.time >= at) s.lastReport = null;
    }
    this.postFrame(id, false, 'after', result.forked ? { forked: Math.max(1, ahead) } : {});
  }

  private postFrame(id: number, resetEvents: boolean, report: 'due' | 'fresh' | 'after', extra: { forked?: number; undone?: boolean } = {}): void {
    if (this.session) this.out.postFrame(this.session, id, resetEvents, report, extra);
  }
}
