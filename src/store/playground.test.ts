import { describe, expect, it } from 'vitest';
import type { Report } from '../engine';
import { createPlaygroundStore, type PlaygroundEngine } from './playground';

class FakeScenarioError extends Error {
  constructor(
    public path: string,
    what: string,
  ) {
    super(`${path}: ${what}`);
  }
}

function reportFor(name: string): Report {
  return {
    name,
    seed: 1,
    until: 1000,
    records: {
      sent: 10, acknowledged: 10, failed: 0, failedUnnoticed: 0, pending: 0,
      lostAcknowledged: 0, atRisk: 0, unavailable: 0, duplicated: 0, reordered: 0,
      consumed: 0, processedTwice: 0, effectsDuplicated: 0, skipped: 0,
    },
    partitions: [],
    producers: [],
  };
}

/** A stand-in engine: a scenario is valid when every script action names broker 1–3. */
const engine = {
  builtInScenarios: [
    { id: 'first', title: 'First', summary: 'the first', scenario: { name: 'first', script: [] } },
    { id: 'acks1-leader-crash', title: 'acks=1', summary: 'loses data', scenario: { name: 'acks1', script: [] } },
  ],
  ScenarioError: FakeScenarioError,
  runScenario(input: unknown) {
    const s = input as { name: string; script: { broker: number }[] };
    s.script.forEach((a, i) => {
      if (a.broker > 3) throw new FakeScenarioError(`script[${i}].broker`, `no broker ${a.broker}`);
    });
    if (s.name === 'boom') throw new TypeError('engine bug');
    return reportFor(s.name);
  },
} as unknown as PlaygroundEngine;

describe('the playground store', () => {
  it('opens on acks1-leader-crash with its JSON in the editor, and runs it', () => {
    const store = createPlaygroundStore(engine);
    expect(store.getState().scenarioId).toBe('acks1-leader-crash');
    expect(JSON.parse(store.getState().scenarioText)).toEqual({ name: 'acks1', script: [] });
    store.getState().run();
    expect(store.getState().report?.name).toBe('acks1');
    expect(store.getState().error).toBeNull();
  });

  it('selecting a scenario loads its JSON without running it', () => {
    const store = createPlaygroundStore(engine);
    store.getState().selectScenario('first');
    expect(store.getState().scenarioId).toBe('first');
    expect(JSON.parse(store.getState().scenarioText).name).toBe('first');
    expect(store.getState().report).toBeNull();
  });

  it.each([
    ['bad JSON', '{ "name": ', /not valid JSON/],
    ['an invalid scenario', '{ "name": "x", "script": [{ "broker": 7 }] }', /script\[0\]\.broker: no broker 7/],
    ['an engine failure', '{ "name": "boom", "script": [] }', /simulator failed.*engine bug/],
  ])('%s shows an error and keeps the last good report', (_what, text, message) => {
    const store = createPlaygroundStore(engine);
    store.getState().run();
    const good = store.getState().report;
    store.getState().editScenarioText(text);
    store.getState().run();
    expect(store.getState().error).toMatch(message);
    expect(store.getState().report).toBe(good);
    expect(store.getState().runs).toBe(1);

    store.getState().resetScenarioText();
    expect(store.getState().error).toBeNull();
    store.getState().run();
    expect(store.getState().runs).toBe(2);
  });

  it('an unknown scenario id is an error, not a crash', () => {
    const store = createPlaygroundStore(engine);
    store.getState().selectScenario('nope');
    expect(store.getState().error).toMatch(/nope/);
    expect(store.getState().scenarioId).toBe('acks1-leader-crash');
  });
});
