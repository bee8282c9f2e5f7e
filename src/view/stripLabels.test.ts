/**
 * A strip's HW / LEO words shrink a little, then take a shorter form, and are never cut short: "HW = LEO 1…" hides the
 * number a learner reads them for (seen on a one-partition leader strip beside its "L · e1" badge).
 */
import { describe, expect, it } from 'vitest';
import type { Layout, StripLayout } from './layout';
import { leftLabel, shorterForms, tagsLabel, tagsLeft } from './stripLabels';
import { textWidth } from './text';

const layout = { small: 16, strip: { badgeHeight: 20 } } as unknown as Layout;
const TEXT = 'HW = LEO 151';

function stripFor(room: number): StripLayout {
  // The badge takes its own width plus a gap; the rest is the words' room.
  const badge = leftLabel(layout, { x: 0, y: 40, width: 1000, height: 60, cells: 10, cellWidth: 10 }, 'L · e1', true);
  return { x: 0, y: 40, width: badge.width + 4 + room, height: 60, cells: 10, cellWidth: 10 };
}

function tags(room: number) {
  const s = stripFor(room);
  return tagsLabel(layout, s, tagsLeft(s, leftLabel(layout, s, 'L · e1', true)), TEXT);
}

describe('tagsLabel', () => {
  it('keeps the band size when the words fit', () => {
    const box = tags(textWidth(TEXT, 16, true) + 1)!;
    expect(box.text).toBe(TEXT);
    expect(box.size).toBe(16);
  });

  it('shrinks the words, by a quarter at most (never under 11 px), rather than cut the number off', () => {
    const box = tags(textWidth(TEXT, 13, true) + 0.5)!;
    expect(box.text).toBe(TEXT);
    expect(box.size).toBeLessThan(16);
    expect(box.size).toBeGreaterThanOrEqual(12);
  });

  it('gives way to a tighter form, then to the HW alone, never to words cut short ("HW = L…" told nothing)', () => {
    const tight = tags(textWidth('HW=LEO 151', 12, true) + 0.5)!;
    expect(tight.text).toBe('HW=LEO 151');
    const hwOnly = tags(textWidth('HW 151', 12, true) + 0.5)!;
    expect(hwOnly.text).toBe('HW 151');
    expect(tags(textWidth('HW 151', 10, true))).toBeNull();
  });

  it('keeps the high watermark when HW and LEO differ', () => {
    expect(shorterForms('HW 10 · LEO 12')).toEqual(['HW 10 · LEO 12', 'HW 10·LEO 12', 'HW 10']);
    expect(shorterForms('HW = LEO 151')).toEqual(['HW = LEO 151', 'HW=LEO 151', 'HW 151']);
  });
});
