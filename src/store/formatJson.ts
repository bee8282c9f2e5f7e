// Pretty-prints JSON the way a person would write a scenario: an array or object that fits on one
// line stays on one line (`"replica.assignment": [[1, 2, 3]]`, one script action per line),
// anything longer is broken up, two spaces per level. JSON.parse(formatJson(v)) equals v.

export function formatJson(value: unknown, width = 100): string {
  return print(value, '', 0, width);
}

/** `value` printed at `indent`, starting at column `column`, followed by a comma or not. */
function print(value: unknown, indent: string, column: number, width: number, comma = false): string {
  const flat = inline(value);
  const fits = column + flat.length + (comma ? 1 : 0) <= width;
  if (fits || !isContainer(value) || isEmpty(value)) return flat;
  const inner = indent + '  ';
  const items: [string, unknown][] = Array.isArray(value)
    ? value.map((item) => [inner, item ?? null])
    : entries(value).map(([key, item]) => [`${inner}${JSON.stringify(key)}: `, item]);
  const lines = items.map(
    ([head, item], i) => head + print(item, inner, head.length, width, i < items.length - 1),
  );
  const [open, close] = Array.isArray(value) ? ['[', ']'] : ['{', '}'];
  return `${open}\n${lines.join(',\n')}\n${indent}${close}`;
}

function inline(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map((item) => inline(item ?? null)).join(', ')}]`;
  if (isContainer(value)) {
    const parts = entries(value).map(([key, item]) => `${JSON.stringify(key)}: ${inline(item)}`);
    return parts.length ? `{ ${parts.join(', ')} }` : '{}';
  }
  return JSON.stringify(value) ?? 'null';
}

function isContainer(value: unknown): value is object {
  return typeof value === 'object' && value !== null;
}

function isEmpty(value: object): boolean {
  return Array.isArray(value) ? value.length === 0 : entries(value).length === 0;
}

/** The entries JSON.stringify would keep (it drops undefined and functions). */
function entries(value: object): [string, unknown][] {
  return Object.entries(value).filter(
    ([, item]) => item !== undefined && typeof item !== 'function' && typeof item !== 'symbol',
  );
}
