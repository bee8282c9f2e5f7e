import { describe, expect, it } from 'vitest';
import { createSessionStore, type SessionStore } from './session';
import { inProcessPort, memoryStorage, until } from './testPort';
import { SANDBOX_ID } from './catalogue';
import { builtInScenarios, runScenario } from '../engine';

async function opened(params: { scenario?: string; t?: number } = {}, storage = memoryStorage()): Promise<SessionStore> {
  const store = createSessionStore(inProcessPort(), storage);
  store.getState().open(params);
  await until(() => store.getState().loaded && store.getState().catalogue.length > 0, 'the scenario loaded');
  return store;
}

/** Moves the cluster forward to exactly `time`. */
async function goTo(store: SessionStore, time: number): Promise<void> {
  store.getState().pause();
  store.getState().seek(time);
  await until(() => store.getState().time === time && !store.getState().busy, `at ${time}`);
}

/** Plays until the cluster clock reaches `time` (ticks of 100 ms of wall time at the current speed). */
async function playTo(store: SessionStore, time: number): Promise<void> {
  store.getState().setSpeedIndex(12); // 100×
  store.getState().play();
  await until(() => {
    store.getState().tick(100);
    return store.getState().time >= time;
  }, `the clock reached ${time}`);
  store.getState().pause();
  await until(() => !store.getState().busy, 'the engine caught up');
}

describe('the session store', () => {
  it('while playing, the view gets every frame and the panels a few a second; paused, both show the same moment', async () => {
    // A wall clock that never moves: no panel publication is ever due by time alone.
    const store = createSessionStore(inProcessPort(), memoryStorage(), () => 0);
    store.getState().open({ scenario: 'acks1-leader-crash' });
    await until(() => store.getState().loaded && !store.getState().busy, 'loaded');
    const liveTimes: number[] = [];
    const off = store.getState().subscribeLive((f) => liveTimes.push(f.time));
    let panelUpdates = 0;
    let clockUpdates = 0;
    const offPanels = store.subscribe((s, prev) => {
      if (s.snapshot !== prev.snapshot) panelUpdates++;
      if (s.clockTime !== prev.clockTime) clockUpdates++;
    });
    store.getState().play();
    await until(() => {
      store.getState().tick(100);
      return store.getState().time >= 2000;
    }, 'played 2 s');
    // The clock follows every frame, and so does the view; the panels' copy only with a report.
    expect(liveTimes.length).toBeGreaterThan(3);
    expect(store.getState().time).toBe(store.getState().live().time);
    expect(panelUpdates).toBeLessThan(liveTimes.length);
    // The clock the learner reads moves at a human rate too (here, with the wall clock standing
    // still, only with the panels).
    expect(clockUpdates).toBeLessThan(liveTimes.length);
    store.getState().pause();
    await until(() => !store.getState().busy, 'the engine caught up');
    off();
    offPanels();
    // Paused, the clock shows the moment exactly.
    expect(store.getState().clockTime).toBe(store.getState().time);
    expect(store.getState().snapshot).toEqual(store.getState().live().snapshot);
    expect(store.getState().snapshot?.time).toBe(store.getState().time);
  });


  it('played to its end, a scenario shows the final report, not one from a moment before', async () => {
    const store = await opened({ scenario: 'acks1-leader-crash' });
    store.getState().setSpeedIndex(12); // 100×
    store.getState().play();
    await until(() => {
      store.getState().tick(100);
      return !store.getState().playing;
    }, 'the scenario played to its end');
    await until(() => !store.getState().busy, 'the engine caught up');
    const expected = runScenario(builtInScenarios.find((b) => b.id === 'acks1-leader-crash')!.scenario).records;
    await until(() => JSON.stringify(store.getState().report?.records) === JSON.stringify(expected), 'the final report arrived');
    expect(store.getState().report?.records.atRisk).toBe(expected.atRisk);
  });

  it('opens on the sandbox, playing, and the cluster acknowledges records as time passes', async () => {
    const store = await opened();
    expect(store.getState().scenarioId).toBe(SANDBOX_ID);
    expect(store.getState().playing).toBe(true);
    await playTo(store, 5000);
    // While playing, reports come at most a few times a second of wall time; a step always brings one.
    store.getState().stepForward();
    await until(() => (store.getState().report?.records.acknowledged ?? 0) > 0, 'records were acknowledged');
    expect(store.getState().snapshot?.brokers.map((b) => b.state)).toEqual(['running', 'running', 'running']);
  });

  it('a command takes effect at the current time and is recorded on the timeline', async () => {
    const store = await opened();
    await goTo(store, 2000);
    const at = Math.ceil(store.getState().time);
    store.getState().dispatch({ do: 'crash', broker: 1 });
    await until(() => store.getState().commands.length === 1, 'the command was recorded');
    expect(store.getState().commands[0]).toEqual({ time: at, command: { do: 'crash', broker: 1 } });
    expect(store.getState().snapshot?.brokers.find((b) => b.id === 1)?.state).toBe('crashed');
  });

  it('seeking back replays to the same state the cluster had at that time', async () => {
    const store = await opened();
    await goTo(store, 3000);
    store.getState().dispatch({ do: 'crash', broker: 2 });
    await until(() => store.getState().commands.length === 1, 'crashed');
    store.getState().seek(6000);
    await until(() => store.getState().time === 6000, 'at 6 s');
    await until(() => !store.getState().busy, 'settled');
    const first = store.getState().snapshot;
    store.getState().seek(9000);
    await until(() => store.getState().time === 9000, 'at 9 s');
    store.getState().seek(6000);
    await until(() => store.getState().time === 6000, 'back at 6 s');
    // The same cluster; only the entities' version counters differ (a replay builds fewer snapshots).
    expect(withoutVersions(store.getState().snapshot)).toEqual(withoutVersions(first));
    expect(store.getState().snapshot?.brokers.find((b) => b.id === 2)?.state).not.toBe('running');
  });

  it('acting in the past forks the timeline: later commands are dropped and the UI is told how many', async () => {
    const store = await opened();
    await goTo(store, 1000);
    store.getState().dispatch({ do: 'crash', broker: 1 });
    await until(() => store.getState().commands.length === 1, 'first command');
    await goTo(store, 4000);
    store.getState().dispatch({ do: 'restart', broker: 1 });
    await until(() => store.getState().commands.length === 2, 'second command');
    store.getState().seek(2500);
    await until(() => store.getState().time === 2500, 'back at 2.5 s');
    store.getState().dispatch({ do: 'crash', broker: 3 });
    await until(() => store.getState().forked === 1, 'the fork was reported');
    expect(store.getState().commands.map((c) => c.command.do)).toEqual(['crash', 'crash']);
  });

  it('?scenario=ID&t=MS opens that built-in, paused at that time', async () => {
    const store = await opened({ scenario: 'acks1-leader-crash', t: 5000 });
    await until(() => store.getState().time === 5000, 'at 5 s');
    expect(store.getState().scenarioId).toBe('acks1-leader-crash');
    expect(store.getState().playing).toBe(false);
  });

  it('lists every problem of a bad edit, keeps the running cluster, and keeps the edit across switches and reloads', async () => {
    const storage = memoryStorage();
    const store = await opened({}, storage);
    const good = store.getState().scenario;
    store.getState().editText('{ "name": ');
    store.getState().applyText();
    expect(store.getState().issues[0]?.path).toBe('(JSON)');
    expect(store.getState().scenario).toBe(good);

    const scenario = JSON.parse(JSON.stringify(good));
    scenario.script.push({ at: 10, do: 'crash', broker: 7 });
    const text = JSON.stringify(scenario, null, 2);
    store.getState().editText(text);
    store.getState().applyText();
    await until(() => store.getState().issues.length > 0, 'the parser answered');
    expect(store.getState().issues.map((i) => i.path).join(' ')).toMatch(/script\[1\]\.broker/);
    expect(store.getState().snapshot?.brokers).toHaveLength(3);

    store.getState().selectScenario('acks1-leader-crash');
    expect(store.getState().edited).toBe(false);
    store.getState().selectScenario(SANDBOX_ID);
    expect(store.getState().scenarioText).toBe(text);
    expect(store.getState().edited).toBe(true);

    const reloaded = await opened({}, storage);
    expect(reloaded.getState().scenarioText).toBe(text);
    reloaded.getState().revertText();
    expect(reloaded.getState().edited).toBe(false);
  });

  it('highlighting a lost record asks the engine for its story', async () => {
    const store = await opened({ scenario: 'acks1-leader-crash' });
    await goTo(store, 40000);
    await until(() => store.getState().badRecords.some((r) => r.fate === 'lost'), 'a lost record is listed');
    const lost = store.getState().badRecords.find((r) => r.fate === 'lost')!;
    store.getState().highlight(lost.recordId);
    expect(store.getState().highlightRecord).toBe(lost.recordId);
    await until(() => store.getState().story !== null, 'the story came back');
    const events = store.getState().story!.events;
    // Null until the engine tells stories; then the story mentions the record.
    if (events !== null) expect(JSON.stringify(events)).toContain(String(lost.recordId));
  });

  it('the commit knob replays the same history with the new mode and keeps playing', async () => {
    const store = await opened();
    await goTo(store, 3000);
    store.getState().dispatch({ do: 'crash', broker: 3 });
    await until(() => store.getState().commands.length === 1, 'crashed');
    store.getState().play();
    store.getState().setCommit('auto');
    await until(() => store.getState().loaded && !store.getState().busy && store.getState().playing, 'reloaded and playing');
    store.getState().pause();
    expect(store.getState().time).toBeGreaterThanOrEqual(3000);
    expect(store.getState().commands).toHaveLength(1);
    expect(store.getState().snapshot?.brokers.find((b) => b.id === 3)?.state).not.toBe('running');
    expect((store.getState().scenario as { groups: { 'enable.auto.commit': boolean }[] }).groups[0]!['enable.auto.commit']).toBe(true);
  });

  it('speed steps stay within very slow and 100×', async () => {
    const store = await opened();
    for (let i = 0; i < 20; i++) store.getState().faster();
    expect(store.getState().speedIndex).toBe(12);
    for (let i = 0; i < 20; i++) store.getState().slower();
    expect(store.getState().speedIndex).toBe(0);
  });
});

/** A snapshot with every `version` field removed: versions count a builder's own history. */
function withoutVersions(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutVersions);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== 'version').map(([k, v]) => [k, withoutVersions(v)]));
  }
  return value;
}
