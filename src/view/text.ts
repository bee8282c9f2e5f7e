/**
 * Text sizes estimated without the DOM (no measuring per frame). The estimate errs wide: the
 * view's fonts differ from machine to machine (system-ui, DejaVu on Linux, PingFang on a Mac) and
 * a label that is guessed too narrow runs into its neighbour, while one guessed too wide only
 * loses a character to "…".
 */

/** Width of one character in em, bold or not. */
function charEm(ch: string): number {
  if (/[\u2e80-\u9fff\uff00-\uffef]/.test(ch)) return 1;
  if (/[A-Z=+<>~%@#&WMmw]/.test(ch)) return 0.76;
  if (/[0-9]/.test(ch)) return 0.64;
  if (/[\s·.,:;'|!il()[\]]/.test(ch)) return 0.36;
  return 0.6;
}

/** Estimated width of `text` at `size` px (bold text is about 10 % wider). */
export function textWidth(text: string, size: number, bold = false): number {
  let em = 0;
  for (const ch of text) em += charEm(ch);
  return em * size * (bold ? 1.12 : 1);
}

/** Shortens text to fit `width` px at `size` px, ending in "…" when cut. */
export function fit(text: string, width: number, size: number, bold = false): string {
  if (textWidth(text, size, bold) <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && textWidth(chars.join('') + '…', size, bold) > width) chars.pop();
  return chars.length <= 1 ? '…' : chars.join('') + '…';
}

/**
 * Text that fits `width` px: at `size` if it can, else a little smaller (down to 85 %, never
 * under 9 px), and only then shortened. `full` says whether all of it shows, so a caller can put
 * the whole text in a <title> when it does not.
 */
export function fitShrink(text: string, width: number, size: number, bold = false): { text: string; size: number; full: boolean } {
  const min = Math.max(9, Math.min(size, size * 0.85));
  const need = textWidth(text, size, bold);
  if (need <= width) return { text, size, full: true };
  const shrunk = Math.max(min, Math.floor(((size * width) / need) * 10) / 10);
  if (textWidth(text, shrunk, bold) <= width) return { text, size: shrunk, full: true };
  const cut = fit(text, width, min, bold);
  return { text: cut, size: min, full: cut === text };
}
