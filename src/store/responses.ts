// The session store's side of the engine's answers: each WorkerResponse becomes store updates
// (session.ts sends the requests). `Pending` is the bookkeeping both sides share: what is on its
// way, where playback is heading, what to do once a scenario loads.
import type { EngineFrame, WorkerResponse } from '../worker/protocol';
import type { FrameKind } from './frameSink';
import type { SessionState } from './state';

export interface Pending {
  /** The advance request running (null: none). */
  advancing: number | null;
  /** Where playback is heading (virtual ms). */
  target: number;
  /** A scenario and time asked for before the catalogue came. */
  opening: { scenario: string; t: number } | null;
  /** A time to seek to once the scenario loads. */
  pendingSeek: number | null;
  /** The latest scrub's request, until its exact frame (or its replacement) comes back. */
  seeking: number | null;
  /** A knob that reloads the scenario keeps a playing cluster playing. */
  resumePlaying: boolean;
  /** An edited scenario sent to the engine: it becomes `scenario` only once it loads. */
  pendingScenario: unknown;
  /** The built-in to run if the learner's stored edit of it does not load. */
  fallback: unknown;
  /** The request whose frame the page shows now (a report that follows it belongs to it). */
  shownFrame: number | null;
}

export function newPending(): Pending {
  return { advancing: null, target: 0, opening: null, pendingSeek: null, seeking: null, resumePlaying: false, pendingScenario: undefined, fallback: undefined, shownFrame: null };
}

export interface ResponseContext {
  p: Pending;
  set(partial: Partial<SessionState>): void;
  get(): SessionState;
  /** Forgets request `id`; true while others are still out. */
  answered(id: number): boolean;
  /** How many requests are still out. */
  outstanding(): number;
  applyFrame(frame: EngineFrame, kind: FrameKind): Partial<SessionState>;
  /** Starts `scenario` (session.ts). */
  load(scenario: unknown): void;
}

export function handleResponse(message: WorkerResponse, c: ResponseContext): void {
  const { p, set, get, answered, applyFrame, load } = c;
  // A preview is a scrub's first answer: the request stays open until its exact frame. A report
  // comes after its request's frame, which answered it.
  if (message.type !== 'catalogue' && message.type !== 'progress' && message.type !== 'machines' && message.type !== 'preview' && message.type !== 'report') {
    const busy = answered(message.id);
    // A frame says so in its own single update below.
    if (message.type !== 'frame' && get().busy !== busy) set({ busy });
  }
  const endsSeek = 'id' in message && message.id === p.seeking && message.type !== 'preview' && message.type !== 'progress' && message.type !== 'report';
  if (endsSeek) {
    p.seeking = null;
    set({ seekTarget: null });
    // Play after a scrub goes on from the exact state.
    if (message.type === 'frame') p.target = message.frame.time;
  }
  switch (message.type) {
    case 'machines':
      set({ machines: message.machines });
      return;
    case 'catalogue': {
      set({ catalogue: message.scenarios, simplifications: message.simplifications });
      if (p.opening) {
        const { scenario, t } = p.opening;
        p.opening = null;
        get().selectScenario(scenario);
        if (t > 0) p.pendingSeek = t;
      }
      return;
    }
    case 'loaded':
      p.fallback = undefined;
      if (p.pendingScenario !== undefined) {
        set({ scenario: p.pendingScenario, report: null, badRecords: [], highlightRecord: null });
        p.pendingScenario = undefined;
      }
      set(applyFrame(message.frame, { fresh: true, urgent: true }));
      p.shownFrame = message.id;
      p.target = message.frame.time;
      set({ loaded: true, seed: message.seed, until: message.until, progress: null, issues: [] });
      if (p.resumePlaying) set({ playing: true });
      p.resumePlaying = false;
      if (p.pendingSeek !== null) {
        const t = p.pendingSeek;
        p.pendingSeek = null;
        get().seek(t);
      }
      return;
    case 'preview':
      // A kept frame from the worker's history: drawn at once, never mixed with the frame before it.
      if (message.id === p.seeking) {
        set(applyFrame(message.frame, { fresh: true, urgent: true }));
        p.shownFrame = null;
      }
      return;
    case 'superseded':
      if (message.id === p.advancing) p.advancing = null;
      return;
    case 'frame': {
      const { frame } = message;
      // A frame of playback, not the last one: panels can wait for the next publication.
      const playback = message.id === p.advancing && get().playing && !(get().until > 0 && frame.time >= get().until);
      const slice = applyFrame(frame, { fresh: frame.resetEvents || !!message.forked || !!message.undone, urgent: !playback });
      if (message.id === p.advancing) p.advancing = null;
      p.shownFrame = message.id;
      const s = get();
      const ended = s.until > 0 && frame.time >= s.until;
      // One store update per frame: every zustand listener and React selector runs once.
      set({
        ...slice,
        ...(s.busy !== c.outstanding() > 0 ? { busy: c.outstanding() > 0 } : {}),
        ...(s.progress !== null ? { progress: null } : {}),
        ...(message.forked ? { forked: message.forked } : {}),
        ...(message.undone ? { forked: 0 } : {}),
        // A frame the learner stops on (not one of playback's, whose reports come a few times a
        // second) without its report: the ledger says its counts are catching up.
        ...(frame.report ? { reportPending: false } : !playback ? { reportPending: true } : {}),
        ...(ended && s.playing ? { playing: false } : {}),
      });
      if (!get().playing) p.target = frame.time;
      return;
    }
    case 'report':
      // The ledger of the cluster shown, a moment after it was drawn (never over a later frame's).
      if (message.id === p.shownFrame && message.time === get().time) set({ report: message.report, badRecords: message.badRecords, reportPending: false });
      return;
    case 'story':
      if (message.recordId === get().highlightRecord) set({ story: { recordId: message.recordId, events: message.events } });
      return;
    case 'progress':
      set({ progress: { what: message.what, done: message.done, total: message.total } });
      return;
    case 'error':
      if (message.id === p.advancing) p.advancing = null;
      if (message.kind === 'scenario') {
        p.pendingScenario = undefined;
        set({ issues: message.issues, progress: null });
        if (p.fallback !== undefined) {
          // A stored edit that no longer loads: show its problems and run the built-in.
          set({ scenario: p.fallback });
          load(p.fallback);
        }
        p.fallback = undefined;
      }
      else if (message.kind === 'command') set({ commandIssues: message.issues });
      else set({ engineError: message.issues.map((i) => i.message).join('; '), playing: false, progress: null });
      return;
  }
}
