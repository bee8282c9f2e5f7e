/**
 * The event log's words for each event, made once: a playing cluster publishes a new window of
 * events a few times a second, and most of them were described the time before.
 */
import type { TraceEvent, Traced } from '../engine';
import { describeEvent } from './eventWords';

export type Translate = Parameters<typeof describeEvent>[1];

/**
 * Words per event, kept per translation function (one per language): a playing cluster publishes a
 * new window of events a few times a second, and most of them were described the time before.
 */
const describedBy = new WeakMap<Translate, WeakMap<TraceEvent, string>>();
/**
 * The same by event id, for the events of one window of the trace (`epoch`): every frame brings the
 * window again as new objects (copied from the worker), and within a window an id names one event.
 * A seek back, a fork or an undo replaces the window (a new epoch), and ids may then name other
 * events. Keyed by id, time and type, and bounded: cleared when it grows past a few windows.
 */
let describedById: { t: Translate; epoch: number; words: Map<string, string> } | null = null;
/**
 * The same by content, for events without an id (a scrub's preview). Bounded likewise.
 */
const describedByContent = new WeakMap<Translate, Map<string, string>>();
const CONTENT_KEPT = 4_000;
export function wordsOf(e: TraceEvent, t: Translate, epoch: number): string {
  let described = describedBy.get(t);
  if (!described) describedBy.set(t, (described = new WeakMap()));
  let words = described.get(e);
  if (words !== undefined) return words;
  const id = (e as Partial<Traced>).id;
  if (id !== undefined) {
    if (!describedById || describedById.t !== t || describedById.epoch !== epoch || describedById.words.size >= CONTENT_KEPT) describedById = { t, epoch, words: new Map() };
    const key = `${id}|${e.t}|${e.type}`;
    words = describedById.words.get(key);
    if (words === undefined) describedById.words.set(key, (words = describeEvent(e, t)));
    described.set(e, words);
    return words;
  }
  let byContent = describedByContent.get(t);
  if (!byContent) describedByContent.set(t, (byContent = new Map()));
  const key = JSON.stringify(e);
  words = byContent.get(key);
  if (words === undefined) {
    if (byContent.size >= CONTENT_KEPT) byContent.clear();
    byContent.set(key, (words = describeEvent(e, t)));
  }
  described.set(e, words);
  return words;
}
