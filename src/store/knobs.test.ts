import { describe, expect, it } from 'vitest';
import { acksAt, acksCommand, commitOf, flushAt, flushCommand, withCommit } from './knobs';
import { groupCatalogue, SANDBOX_ID } from './catalogue';
import sandbox from './sandbox.json';

describe('the knobs', () => {
  it('acks reads the scenario, then each set command up to the time asked', () => {
    const commands = [
      { time: 1000, command: acksCommand('p1', '1') },
      { time: 5000, command: acksCommand('p1', 'all') },
    ];
    expect(acksAt(sandbox, commands, 0)).toBe('all');
    expect(acksAt(sandbox, commands, 1000)).toBe('1');
    expect(acksAt(sandbox, commands, 4999)).toBe('1');
    expect(acksAt(sandbox, commands, 5000)).toBe('all');
    expect(acksAt({ producers: [] }, commands, 0)).toBeNull();
  });

  it('acks 0 or 1 turns idempotence off, as a real client must', () => {
    expect(acksCommand('p1', '1')).toEqual({ do: 'set', producer: 'p1', config: { acks: '1', 'enable.idempotence': false } });
    expect(acksCommand('p1', 'all')).toEqual({ do: 'set', producer: 'p1', config: { acks: 'all' } });
  });

  it('the flush policy is log.flush.interval.messages, 1 or null', () => {
    expect(flushAt(sandbox, [], 0)).toBe('os');
    expect(flushAt(sandbox, [{ time: 10, command: flushCommand('every') }], 10)).toBe('every');
    expect(flushCommand('os')).toEqual({ do: 'set', config: { 'log.flush.interval.messages': null } });
  });

  it('the commit knob rewrites the first group: auto commit, or a manual commit after or before processing', () => {
    expect(commitOf(sandbox)).toBe('after');
    expect(commitOf(withCommit(sandbox, 'auto'))).toBe('auto');
    expect(commitOf(withCommit(sandbox, 'before'))).toBe('before');
    expect(commitOf({ groups: [{ 'group.id': 'g' }] })).toBe('auto'); // Kafka's default: enable.auto.commit=true
    expect(commitOf({})).toBeNull();
  });

  it('the picker puts the sandbox first, then producer, broker and consumer lessons', () => {
    const entry = (id: string) => ({ id, title: id, summary: '', scenario: {} });
    const groups = groupCatalogue([entry('acks1-leader-crash'), entry('auto-commit-crash-duplicates'), entry('zombie-leader'), entry('brand-new')]);
    expect(groups.map((g) => [g.topic, g.entries.map((e) => e.id)])).toEqual([
      ['start', [SANDBOX_ID]],
      ['producer', ['acks1-leader-crash']],
      ['broker', ['zombie-leader']],
      ['consumer', ['auto-commit-crash-duplicates']],
      ['other', ['brand-new']],
    ]);
  });
});
