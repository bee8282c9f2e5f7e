// The playground's session: a scenario, the learner's commands, the current virtual time, and
// playback. A vanilla zustand store (testable without React or a browser); the engine sits behind
// an EnginePort — a Web Worker in the page, an in-process host in tests. Its answers are handled in
// responses.ts.
import { createStore } from 'zustand/vanilla';
import type { EngineFrame, Issue } from '../worker/protocol';
import { SANDBOX, SANDBOX_ID } from './catalogue';
import { formatJson } from './formatJson';
import { FrameSink, type FrameKind } from './frameSink';
import { withCommit } from './knobs';
import { NO_WIRE_EFFECTS, type LiveFrame } from './live';
import { handleResponse, newPending, type Pending } from './responses';
import { linkTime } from './linkParams';
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
  let edits = loadEdits(storage);
  const p: Pending = newPending();

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
      p.resumePlaying = keep && playing;
      p.advancing = null;
      p.seeking = null;
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

    port.listen((message) => handleResponse(message, { p, set, get, answered, outstanding: () => outstanding.size, applyFrame, load }));

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
      linkProblems: [],
      engineError: null,
      loaded: false,
      seed: 1,
      until: 0,
      playing: false,
      speedIndex: DEFAULT_SPEED_INDEX,
      time: 0,
      clockTime: 0,
      seekTarget: null,
      snapshot: null,
      inFlight: [],
      wire: NO_WIRE_EFFECTS,
      events: [],
      eventsEpoch: 0,
      report: null,
      reportPending: false,
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

      open({ scenario, t, problems = [] }) {
        const id = scenario ?? SANDBOX_ID;
        const asked = typeof t === 'number' ? linkTime(String(t)) : linkTime(t ?? null);
        const time = asked.t ?? 0;
        set({ linkProblems: asked.problem ? [...problems, asked.problem] : [...problems] });
        if (get().catalogue.length || id === SANDBOX_ID) {
          get().selectScenario(id);
          if (time > 0) p.pendingSeek = time;
          else if (id === SANDBOX_ID) set({ playing: true });
        } else {
          p.opening = { scenario: id, t: time };
        }
      },

      selectScenario(id) {
        const chosen = entry(id) ?? SANDBOX;
        // Only a link names a scenario that is not there (the picker offers the built-ins).
        if (chosen.id !== id && !get().linkProblems.some((x) => x.param === 'scenario')) set({ linkProblems: [...get().linkProblems, { param: 'scenario', value: id }] });
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
          clockTime: 0,
        });
        p.target = 0;
        p.fallback = text !== builtIn ? chosen.scenario : undefined;
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
        p.pendingScenario = parsed.value;
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
        p.target = seekTarget ?? time;
        set({ playing: true });
      },
      pause() {
        const wasPlaying = get().playing;
        set({ playing: false });
        p.target = get().time;
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
        p.target = Math.min(p.target + Math.min(wallMs, 100) * speed, s.time + MAX_LEAD_WALL_MS * speed);
        if (s.until > 0) p.target = Math.min(p.target, s.until);
        // While a scrub's exact state is on its way the clock waits (Play starts from it).
        if (p.advancing === null && s.seekTarget === null && p.target > s.time) p.advancing = send({ type: 'advance', to: p.target });
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
        p.advancing = null;
        p.target = t;
        p.seeking = send({ type: 'seek', to: t });
        set({ seekTarget: t });
      },
      reset() {
        set({ commands: [], time: 0, clockTime: 0, report: null, reportPending: false, badRecords: [], highlightRecord: null });
        p.target = 0;
        load(get().scenario);
      },
      setSeed(seed) {
        if (!Number.isInteger(seed)) return;
        const scenario = { ...(get().scenario as object), seed };
        set({ scenario, seed, commands: [], time: 0, clockTime: 0, report: null, reportPending: false, badRecords: [] });
        p.target = 0;
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
      dismissLinkProblems() {
        set({ linkProblems: [] });
      },
      undoFork() {
        get().pause();
        send({ type: 'undoFork' });
      },
      selectMachine(machine) {
        set({ machineTarget: machine });
      },
    };
  });
  return store;
}
