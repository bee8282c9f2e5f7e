// The playground's session: a scenario, the learner's commands, the current virtual time, and
// playback. A vanilla zustand store (testable without React or a browser); the engine sits behind
// an EnginePort — a Web Worker in the page, an in-process host in tests.
import { createStore } from 'zustand/vanilla';
import type { EngineFrame, Issue } from '../worker/protocol';
import { SANDBOX, SANDBOX_ID } from './catalogue';
import { formatJson } from './formatJson';
import { FrameSink, type FrameKind } from './frameSink';
import { withCommit } from './knobs';
import { NO_WIRE_EFFECTS, type LiveFrame } from './live';
import { loadEdits, saveEdits, type KeyValueStorage } from './persist';
import { DEFAULT_SPEED_INDEX, SPEEDS, clampSpeedIndex } from './speeds';
import type { EnginePort, RequestBody, SessionState, SessionStore } from './state';
import type { WorkerRequest } from '../worker/protocol';

export type { EnginePort, SessionState, SessionStore } from './state';
export type { LiveFrame };

/** The virtual time may run ahead of the engine's by at most this much wall time of playback. */
const MAX_LEAD_WALL_MS = 250;

export function createSessionStore(port: EnginePort, storage: KeyValueStorage | null = null, wallNow: () => number = () => performance.now()): SessionStore {
  const sink = new FrameSink(wallNow);
  let nextId = 1;
  let advancing: number | null = null;
  let target = 0;
  let opening: { scenario: string; t: number } | null = null;
  let edits = loadEdits(storage);
  let pendingSeek: number | null = null;
  /** The latest scrub's request, until its exact frame (or its replacement) comes back. */
  let seeking: number | null = null;
  /** A knob that reloads the scenario keeps a playing cluster playing. */
  let resumePlaying = false;
  /** An edited scenario sent to the engine: it becomes `scenario` only once it loads. */
  let pendingScenario: unknown = undefined;
  /** The built-in to run if the learner's stored edit of it does not load. */
  let fallback: unknown = undefined;

  /** Requests sent and not yet answered (superseded ones are answered too: the host always replies). */
  const outstanding = new Set<number>();
  const send = (body: RequestBody): number => {
    const id = nextId++;
    outstanding.add(id);
    if (!store.getState().busy) store.setState({ busy: true });
    port.send({ ...body, id } as WorkerRequest);
    return id;
  };
  /** Forgets request `id`; true while others are still out. */
  const answered = (id: number): boolean => {
    outstanding.delete(id);
    return outstanding.size > 0;
  };

  const store = createStore<SessionState>()((set, get) => {
    const entry = (id: string) => (id === SANDBOX_ID ? SANDBOX : get().catalogue.find((e) => e.id === id));

    /** Starts `scenario`; `keep` replays the current commands up to now (a changed scenario, same history). */
    const load = (scenario: unknown, keep = false) => {
      const { commands, time, playing } = get();
      resumePlaying = keep && playing;
      advancing = null;
      seeking = null;
      set({ playing: false, progress: null, forked: 0, commandIssues: [], engineError: null, seekTarget: null });
      send(keep ? { type: 'load', scenario, commands, at: time } : { type: 'load', scenario });
    };

    const parse = (text: string): { ok: true; value: unknown } | { ok: false; issues: Issue[] } => {
      try {
        return { ok: true, value: JSON.parse(text) };
      } catch (err) {
        return { ok: false, issues: [{ path: '(JSON)', message: err instanceof Error ? err.message : String(err) }] };
      }
    };

    const applyFrame = (frame: EngineFrame, kind: FrameKind) => sink.apply(frame, get(), kind);

    port.listen((message) => {
      // A preview is a scrub's first answer: the request stays open until its exact frame.
      if (message.type !== 'catalogue' && message.type !== 'progress' && message.type !== 'machines' && message.type !== 'preview') {
        const busy = answered(message.id);
        // A frame says so in its own single update below.
        if (message.type !== 'frame' && get().busy !== busy) set({ busy });
      }
      const endsSeek = 'id' in message && message.id === seeking && message.type !== 'preview' && message.type !== 'progress';
      if (endsSeek) {
        seeking = null;
        set({ seekTarget: null });
        // Play after a scrub goes on from the exact state.
        if (message.type === 'frame') target = message.frame.time;
      }
      switch (message.type) {
        case 'machines':
          set({ machines: message.machines });
          return;
        case 'catalogue': {
          set({ catalogue: message.scenarios, simplifications: message.simplifications });
          if (opening) {
            const { scenario, t } = opening;
            opening = null;
            get().selectScenario(scenario);
            if (t > 0) pendingSeek = t;
          }
          return;
        }
        case 'loaded':
          fallback = undefined;
          if (pendingScenario !== undefined) {
            set({ scenario: pendingScenario, report: null, badRecords: [], highlightRecord: null });
            pendingScenario = undefined;
          }
          set(applyFrame(message.frame, { fresh: true, urgent: true }));
          target = message.frame.time;
          set({ loaded: true, seed: message.seed, until: message.until, progress: null, issues: [] });
          if (resumePlaying) set({ playing: true });
          resumePlaying = false;
          if (pendingSeek !== null) {
            const t = pendingSeek;
            pendingSeek = null;
            get().seek(t);
          }
          return;
        case 'preview':
          // A kept frame from the worker's history: drawn at once, never mixed with the frame before it.
          if (message.id === seeking) set(applyFrame(message.frame, { fresh: true, urgent: true }));
          return;
        case 'superseded':
          if (message.id === advancing) advancing = null;
          return;
        case 'frame': {
          const { frame } = message;
          // A frame of playback, not the last one: panels can wait for the next publication.
          const playback = message.id === advancing && get().playing && !(get().until > 0 && frame.time >= get().until);
          const slice = applyFrame(frame, { fresh: frame.resetEvents || !!message.forked || !!message.undone, urgent: !playback });
          if (message.id === advancing) advancing = null;
          const s = get();
          const ended = s.until > 0 && frame.time >= s.until;
          // One store update per frame: every zustand listener and React selector runs once.
          set({
            ...slice,
            ...(s.busy !== outstanding.size > 0 ? { busy: outstanding.size > 0 } : {}),
            ...(s.progress !== null ? { progress: null } : {}),
            ...(message.forked ? { forked: message.forked } : {}),
            ...(message.undone ? { forked: 0 } : {}),
            ...(ended && s.playing ? { playing: false } : {}),
          });
          if (!get().playing) target = frame.time;
          return;
        }
        case 'story':
          if (message.recordId === get().highlightRecord) set({ story: { recordId: message.recordId, events: message.events } });
          return;
        case 'progress':
          set({ progress: { what: message.what, done: message.done, total: message.total } });
          return;
        case 'error':
          if (message.id === advancing) advancing = null;
          if (message.kind === 'scenario') {
            pendingScenario = undefined;
            set({ issues: message.issues, progress: null });
            if (fallback !== undefined) {
              // A stored edit that no longer loads: show its problems and run the built-in.
              set({ scenario: fallback });
              load(fallback);
            }
            fallback = undefined;
          }
          else if (message.kind === 'command') set({ commandIssues: message.issues });
          else set({ engineError: message.issues.map((i) => i.message).join('; '), playing: false, progress: null });
          return;
      }
    });

    return {
      busy: false,
      catalogue: [],
      simplifications: [],
      scenarioId: SANDBOX_ID,
      scenario: SANDBOX.scenario,
      scenarioText: formatJson(SANDBOX.scenario),
      edited: false,
      issues: [],
      commandIssues: [],
      engineError: null,
      loaded: false,
      seed: 1,
      until: 0,
      playing: false,
      speedIndex: DEFAULT_SPEED_INDEX,
      time: 0,
      seekTarget: null,
      snapshot: null,
      inFlight: [],
      wire: NO_WIRE_EFFECTS,
      events: [],
      eventsEpoch: 0,
      report: null,
      badRecords: [],
      commands: [],
      progress: null,
      forked: 0,
      highlightRecord: null,
      story: null,
      hiddenTokenKinds: new Set<string>(),
      machines: [],
      machineTarget: null,

      live: () => sink.live.current,
      subscribeLive: (listener) => sink.live.subscribe(listener),

      open({ scenario, t }) {
        const id = scenario ?? SANDBOX_ID;
        const time = typeof t === 'number' && Number.isFinite(t) && t > 0 ? t : 0;
        if (get().catalogue.length || id === SANDBOX_ID) {
          get().selectScenario(id);
          if (time > 0) pendingSeek = time;
          else if (id === SANDBOX_ID) set({ playing: true });
        } else {
          opening = { scenario: id, t: time };
        }
      },

      selectScenario(id) {
        const chosen = entry(id) ?? SANDBOX;
        const builtIn = formatJson(chosen.scenario);
        const text = edits[chosen.id] ?? builtIn;
        const parsed = parse(text);
        const scenario = parsed.ok ? parsed.value : chosen.scenario;
        set({
          scenarioId: chosen.id,
          scenarioText: text,
          edited: text !== builtIn,
          scenario,
          issues: parsed.ok ? [] : parsed.issues,
          report: null,
          badRecords: [],
          highlightRecord: null,
          commands: [],
          time: 0,
        });
        target = 0;
        fallback = text !== builtIn ? chosen.scenario : undefined;
        load(scenario);
      },

      editText(text) {
        const builtIn = formatJson((entry(get().scenarioId) ?? SANDBOX).scenario);
        edits = { ...edits };
        if (text === builtIn) delete edits[get().scenarioId];
        else edits[get().scenarioId] = text;
        saveEdits(storage, edits);
        set({ scenarioText: text, edited: text !== builtIn });
      },

      applyText() {
        const parsed = parse(get().scenarioText);
        if (!parsed.ok) {
          set({ issues: parsed.issues });
          return;
        }
        set({ issues: [] });
        pendingScenario = parsed.value;
        load(parsed.value);
      },

      revertText() {
        const builtIn = formatJson((entry(get().scenarioId) ?? SANDBOX).scenario);
        get().editText(builtIn);
        get().applyText();
      },

      play() {
        const { until, time, seekTarget } = get();
        if (until > 0 && time >= until) return;
        target = seekTarget ?? time;
        set({ playing: true });
      },
      pause() {
        const wasPlaying = get().playing;
        set({ playing: false });
        target = get().time;
        // While playing, reports come a few times a second: a paused page shows the latest one.
        if (wasPlaying) send({ type: 'refresh' });
      },
      togglePlay() {
        if (get().playing) get().pause();
        else get().play();
      },
      setSpeedIndex(index) {
        set({ speedIndex: clampSpeedIndex(index) });
      },
      faster() {
        get().setSpeedIndex(get().speedIndex + 1);
      },
      slower() {
        get().setSpeedIndex(get().speedIndex - 1);
      },

      tick(wallMs) {
        const s = get();
        if (!s.playing || !s.loaded) return;
        const speed = SPEEDS[s.speedIndex]!;
        target = Math.min(target + Math.min(wallMs, 100) * speed, s.time + MAX_LEAD_WALL_MS * speed);
        if (s.until > 0) target = Math.min(target, s.until);
        // While a scrub's exact state is on its way the clock waits (Play starts from it).
        if (advancing === null && s.seekTarget === null && target > s.time) advancing = send({ type: 'advance', to: target });
      },

      stepForward() {
        get().pause();
        send({ type: 'step' });
      },
      stepBack() {
        get().pause();
        send({ type: 'stepBack' });
      },
      seek(time) {
        const t = Math.max(0, get().until > 0 ? Math.min(time, get().until) : time);
        advancing = null;
        target = t;
        seeking = send({ type: 'seek', to: t });
        set({ seekTarget: t });
      },
      reset() {
        set({ commands: [], time: 0, report: null, badRecords: [], highlightRecord: null });
        target = 0;
        load(get().scenario);
      },
      setSeed(seed) {
        if (!Number.isInteger(seed)) return;
        const scenario = { ...(get().scenario as object), seed };
        set({ scenario, seed, commands: [], time: 0, report: null, badRecords: [] });
        target = 0;
        load(scenario);
      },
      dispatch(command) {
        set({ commandIssues: [] });
        send({ type: 'command', command });
      },
      setCommit(commit) {
        const scenario = withCommit(get().scenario, commit);
        set({ scenario });
        load(scenario, true);
      },
      highlight(recordId) {
        set({ highlightRecord: recordId, story: null });
        if (recordId !== null) send({ type: 'story', recordId });
      },
      setTokenKindsHidden(kinds, hidden) {
        const next = new Set(get().hiddenTokenKinds);
        for (const kind of kinds) {
          if (hidden) next.add(kind);
          else next.delete(kind);
        }
        set({ hiddenTokenKinds: next });
      },
      dismissFork() {
        set({ forked: 0 });
      },
      undoFork() {
        get().pause();
        send({ type: 'undoFork' });
      },
      selectMachine(target) {
        set({ machineTarget: target });
      },
    };
  });
  return store;
}
