import { describe, expect, it } from 'vitest';
import { HeldSelection } from './onScreen';

describe('a selection held while its panel is out of sight', () => {
  it('follows the store while live and keeps what it showed last while not', () => {
    const held = new HeldSelection<{ events: number[] }>();
    const first = held.pick(true, () => ({ events: [1] }));
    expect(first.events).toEqual([1]);
    // Out of sight while playing: newer events do not reach the panel.
    expect(held.pick(false, () => ({ events: [1, 2] }))).toBe(first);
    // Back in sight: the store's newest at once.
    expect(held.pick(true, () => ({ events: [1, 2, 3] })).events).toEqual([1, 2, 3]);
  });

  it('shows the store before it ever showed anything, even out of sight', () => {
    const held = new HeldSelection<string>();
    expect(held.pick(false, () => 'now')).toBe('now');
  });
});
