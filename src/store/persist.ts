// What the page remembers across reloads, in localStorage: the learner's scenario edits (per
// scenario id), the theme and the language. Storage may be missing or full: never fatal.
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

const EDITS_KEY = 'kafka-playground.edits';

export function loadEdits(storage: KeyValueStorage | null): Record<string, string> {
  try {
    const raw = storage?.getItem(EDITS_KEY);
    const parsed: unknown = raw ? JSON.parse(raw) : {};
    if (!parsed || typeof parsed !== 'object') return {};
    return Object.fromEntries(Object.entries(parsed).filter((e): e is [string, string] => typeof e[1] === 'string'));
  } catch {
    return {};
  }
}

export function saveEdits(storage: KeyValueStorage | null, edits: Record<string, string>): void {
  try {
    storage?.setItem(EDITS_KEY, JSON.stringify(edits));
  } catch {
    // Full or forbidden storage: the edit stays in memory for this visit.
  }
}

export function loadPreference(storage: KeyValueStorage | null, name: string): string | null {
  try {
    return storage?.getItem(`kafka-playground.${name}`) ?? null;
  } catch {
    return null;
  }
}

export function savePreference(storage: KeyValueStorage | null, name: string, value: string): void {
  try {
    storage?.setItem(`kafka-playground.${name}`, value);
  } catch {
    // As above: kept for this visit only.
  }
}
