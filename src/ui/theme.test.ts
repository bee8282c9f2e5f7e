import { describe, expect, it } from 'vitest';
import { initialTheme, isTheme, viewTextScale } from './theme';

describe('themes', () => {
  it('takes the projector theme from the URL or from the saved choice', () => {
    expect(initialTheme('projector', 'dark')).toBe('projector');
    expect(initialTheme(null, 'projector')).toBe('projector');
    expect(initialTheme('dark', 'projector')).toBe('dark');
  });

  it('ignores a theme it does not know', () => {
    expect(isTheme('sepia')).toBe(false);
    expect(initialTheme('sepia', 'light')).toBe('light');
  });

  it('raises the view text only for the projector', () => {
    expect(viewTextScale('projector')).toBeGreaterThan(1);
    expect(viewTextScale('light')).toBe(1);
    expect(viewTextScale('dark')).toBe(1);
  });
});
