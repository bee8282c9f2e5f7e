import { describe, expect, it } from 'vitest';
import { builtInScenarios } from '../engine';
import { ownDescription } from './ownDescription';

const jepsen = builtInScenarios.find((b) => b.id === 'jepsen-unclean-election')!.scenario as Record<string, unknown>;

describe('the header of an edited scenario', () => {
  it('shows the description the learner wrote, as written', () => {
    expect(ownDescription(jepsen, { ...jepsen, description: 'My class: an unclean election under a consumer group.' })).toBe('My class: an unclean election under a consumer group.');
  });

  it('keeps the built-in\'s words when the edit kept its description, or has none', () => {
    expect(ownDescription(jepsen, { ...jepsen, producers: [{ id: 'p1', acks: '1' }] })).toBeNull();
    expect(ownDescription(jepsen, { ...jepsen, description: '  ' })).toBeNull();
    const { description: _dropped, ...without } = jepsen;
    expect(ownDescription(jepsen, without)).toBeNull();
    expect(ownDescription(jepsen, null)).toBeNull();
  });
});
