/**
 * The view's words with numbers in them (a replica's "log end offset 1234", a member's position)
 * change with almost every frame while playing, so a lookup remembered by its numbers (the panel's
 * viewT) missed nearly every time and i18next resolved the message again: about a millisecond of
 * each draw at 1×, several at 10×. Here a message is looked up once with a marker in place of each
 * number, and the numbers are written into that text. Messages with a `count` are left to the
 * lookup itself: the count picks the plural form. The view's messages format no numbers
 * (`{{leo}}`, never `{{leo, number}}`), so a number is written as i18next writes it: String(n).
 */
export type Translate = (key: string, vars?: Record<string, unknown>) => string;

// Markers no message holds: a character from Unicode's private use area around the variable's name.
const MARK = /\uE000(\w+)\uE001/g;

export function numbersWrittenIn(t: Translate): Translate {
  return (key, vars) => {
    if (!vars || 'count' in vars) return t(key, vars);
    let shape: Record<string, unknown> | null = null;
    for (const name in vars) {
      if (typeof vars[name] !== 'number') continue;
      shape ??= { ...vars };
      shape[name] = `\uE000${name}\uE001`;
    }
    if (!shape) return t(key, vars);
    return t(key, shape).replace(MARK, (_, name: string) => String(vars[name]));
  };
}
