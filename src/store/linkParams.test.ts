import { describe, expect, it } from 'vitest';
import { linkTime, lookProblems } from './linkParams';
import { createSessionStore } from './session';
import { inProcessPort, memoryStorage, until } from './testPort';

describe('a shared link the page cannot follow whole', () => {
  it('reads t as whole milliseconds, 0 or more, and names any other value as written', () => {
    expect(linkTime(null)).toEqual({ t: null, problem: null });
    expect(linkTime('12000')).toEqual({ t: 12000, problem: null });
    expect(linkTime('0')).toEqual({ t: 0, problem: null });
    for (const bad of ['abc', '-5', '1.5', 'Infinity', '12s']) expect(linkTime(bad), bad).toEqual({ t: null, problem: { param: 't', value: bad } });
  });

  it('names a language or a theme the page does not have', () => {
    const params = new URLSearchParams('lang=fr&theme=neon');
    expect(lookProblems(params, (c) => c === 'en', (n) => n === 'light')).toEqual([
      { param: 'lang', value: 'fr' },
      { param: 'theme', value: 'neon' },
    ]);
    expect(lookProblems(new URLSearchParams('lang=en&theme=light'), (c) => c === 'en', (n) => n === 'light')).toEqual([]);
  });

  it('opens the sandbox for a scenario that does not exist, at 0 s for a time that is not one, and says both', async () => {
    const store = createSessionStore(inProcessPort(), memoryStorage());
    store.getState().open({ scenario: 'nope', t: 'abc' });
    await until(() => store.getState().loaded && store.getState().catalogue.length > 0, 'the page opened');
    expect(store.getState().scenarioId).toBe('sandbox');
    expect(store.getState().time).toBe(0);
    expect(store.getState().linkProblems).toEqual([
      { param: 't', value: 'abc' },
      { param: 'scenario', value: 'nope' },
    ]);
    store.getState().dismissLinkProblems();
    expect(store.getState().linkProblems).toEqual([]);
  });

  it('a link the page can follow whole says nothing', async () => {
    const store = createSessionStore(inProcessPort(), memoryStorage());
    store.getState().open({ scenario: 'acks1-leader-crash', t: '5000' });
    await until(() => store.getState().time === 5000 && !store.getState().busy, 'opened at 5 s');
    expect(store.getState().scenarioId).toBe('acks1-leader-crash');
    expect(store.getState().linkProblems).toEqual([]);
  });
});
