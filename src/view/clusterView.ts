/**
 * The animated cluster view: d3 owns one <svg> (DESIGN.md rule 6). The app feeds it frames —
 * the engine's snapshot, the fractional virtual time and the messages on the wire — and it draws
 * only after `update` (the newest frame, in the next animation frame) or `resize`: paused or
 * hidden, nothing draws.
 *
 * Frames carry everything: each replica's log tail travels in the snapshot
 * (`ReplicaSnapshot.tail`, the partition's `window`), so the view never calls the engine.
 */
import { select } from 'd3';
import type { ClusterSnapshot } from '../engine';
import { drawColumns, drawController, drawCuts, drawDownColumns, drawRows } from './cluster';
import { drawGroups, drawProducers } from './clients';
import { drawOwnerLines } from './owners';
import { makeColours, type DrawContext, type G } from './context';
import { TruncationGhosts } from './ghosts';
import { computeLayout, type Layout, type RowLayout } from './layout';
import { drawLegend } from './legend';
import { drawLinks } from './links';
import { buildRouteIndex, type RouteIndex } from './route';
import { drawStrips } from './strips';
import { VIEW_CSS } from './style';
import { drawTokens } from './tokens';
import type { ViewFrame } from './types';
import { WireMemory } from './wire';
import { drawWire } from './wireLayer';
import { layoutInput } from './layoutInput';
import { appendPatterns } from './svgPatterns';
import { Pace, inMotion } from './pace';
import { listenForInput, type ClusterViewOptions } from './viewInput';
import { numbersWrittenIn } from './viewText';

export type { ViewFrame, ViewTarget } from './types';
export type { ClusterViewOptions } from './viewInput';

export interface ClusterView {
  /** Takes the newest frame; it is drawn in the next animation frame (hidden: at once). */
  update(frame: ViewFrame): void;
  /** Draws now what `update` left for the next animation frame (a harness timing its draws). */
  flush(): void;
  resize(width: number, height: number): void;
  /** Text bigger or smaller than the svg's size alone picks (the projector theme's 1.2). */
  setTextScale(scale: number): void;
  destroy(): void;
}

const LAYERS = ['rows', 'columns', 'controller', 'strips', 'down', 'cuts', 'links', 'controllerName', 'producers', 'owners', 'groups', 'tokens', 'wire', 'legend'] as const;
type Layer = (typeof LAYERS)[number];

export function createClusterView(svg: SVGSVGElement, options: ClusterViewOptions): ClusterView {
  // classed, not attr: the host page's own classes on the <svg> (its size, its selectors) stay.
  const root = select(svg).classed('kv', true).attr('role', 'group');
  root.selectAll('*').remove();
  root.append('style').text(VIEW_CSS);
  appendPatterns(root);
  const background = root.append('rect').attr('class', 'bg');
  const layers = {} as Record<Layer, G>;
  for (const name of LAYERS) layers[name] = root.append('g').attr('class', `layer-${name}`) as unknown as G;

  let width = svg.clientWidth || 1280;
  let height = svg.clientHeight || 720;
  let textScale = 1;
  let frame: ViewFrame | null = null;
  let layout: Layout | null = null;
  let layoutKey = '';
  let rowsByKey = new Map<string, RowLayout>();
  let index: RouteIndex | null = null;
  let indexedSnapshot: ClusterSnapshot | null = null;
  // Words with numbers: looked up once per message, the numbers written in (viewText.ts).
  const t = numbersWrittenIn(options.t);
  const ghosts = new TruncationGhosts();
  const wire = new WireMemory();
  /** A frame asked for to finish what a draw left over its budget (0: none). */
  let rest = 0;
  /** The animation frame that will draw the newest engine frame (0: none asked for). */
  let pending = 0;
  // Numbers at a human rate while playing (pace.ts): the strips' words a few times a second, the
  // clients (producers' headers and deques, groups and members, whose draw writes their words and
  // boxes anew) ten times a second; at once when paused, stepping, seeking, in slow motion or laid
  // out anew. A draw that left some out asks for a later one (`late`) so a pause shows them exact.
  const wordsPace = new Pace(WORDS_EVERY_MS);
  const clientsPace = new Pace(CLIENTS_EVERY_MS);
  let late = 0;
  let drawnAt: { wallAt: number; time: number } | null = null;
  /** The next draw shows every word and client exact (the late draw, once playback paused). */
  let forceExact = false;
  /** Which rows' strips the last draw brought up to date (DrawContext.half; undefined: all). */
  let half: 0 | 1 | undefined;
  /** The last draw refreshed the words of its half of the strips: the next draw does the other half's. */
  let wordsCarry = false;

  const ensureLayout = (snapshot: ClusterSnapshot): Layout => {
    const input = layoutInput(snapshot, width, height, textScale);
    const key = JSON.stringify(input);
    if (!layout || key !== layoutKey) {
      layout = computeLayout(input);
      layoutKey = key;
      rowsByKey = new Map(layout.rows.map((r) => [r.key, r] as const));
      root.attr('viewBox', `0 0 ${layout.width} ${layout.height}`).attr('width', Math.max(0, layout.width)).attr('height', layout.height);
      // Many rows need more height than the panel has: the svg grows and its panel scrolls.
      root.style('min-height', `${layout.minHeight}px`);
      // A phone too narrow for the brokers' columns: the svg keeps its least width and its panel scrolls sideways.
      root.style('min-width', `${layout.minWidth}px`);
      background.attr('width', Math.max(0, layout.width)).attr('height', layout.height);
    }
    return layout;
  };

  /** Drops every draw asked for: the leftover strips', the next engine frame's and the late one. */
  const cancelScheduled = (): void => {
    if (rest) cancelAnimationFrame(rest);
    if (pending) cancelAnimationFrame(pending);
    if (late) clearTimeout(late);
    rest = pending = late = 0;
  };

  const draw = (): void => {
    cancelScheduled();
    if (!frame) return;
    const { snapshot } = frame;
    const before = layout;
    const l = ensureLayout(snapshot);
    const now = performance.now();
    const at = { wallAt: now, time: frame.time, speed: frame.speed ?? 1 };
    const exact = forceExact || l !== before || !inMotion(drawnAt, at);
    forceExact = false;
    drawnAt = at;
    // Half the rows' strips per draw while playing (DrawContext.half); all of them otherwise.
    half = exact ? undefined : half === 0 ? 1 : 0;
    // A refresh of the words comes with half the strips (their own half's turn, not all of them at
    // once: that draw cost three times a plain one), the other half's in the next draw.
    const wordsNow = wordsPace.due(now, exact);
    const words = wordsNow || wordsCarry;
    wordsCarry = wordsNow && half !== undefined;
    // Not in a draw that refreshes words (either half's): the two together overran the frame far
    // more often than either alone. The clients wait a draw or two (not their pace's 100 ms).
    const clients = (exact || !words) && clientsPace.due(now, exact);
    if (snapshot !== indexedSnapshot) {
      ghosts.update(snapshot);
      index = buildRouteIndex(snapshot);
      indexedSnapshot = snapshot;
    }
    const ctx: DrawContext = {
      layout: l,
      frame,
      snapshot,
      t,
      ghosts,
      // Hidden, nothing eases: an animation nobody sees would only ask for frames.
      ease: frame.reducedMotion || document.visibilityState === 'hidden' ? 0 : 200,
      ...makeColours(snapshot),
      // Playing, a draw gives its strips less time: the ones left over are drawn in the next
      // frame (finishStrips), which at 10x has no engine frame of its own to draw.
      budget: frameBudget(exact ? STRIPS_BUDGET_MS : PLAYING_STRIPS_BUDGET_MS),
      words,
      half,
    };
    const parts: [string, () => void][] = [
      ['rows', () => drawRows(layers.rows, ctx)],
      ['columns', () => drawColumns(layers.columns, ctx)],
      ['controller', () => drawController(layers.controller, layers.controllerName, ctx)],
      ['strips', () => drawStrips(layers.strips, ctx)],
      ['down', () => drawDownColumns(layers.down, ctx)],
      ['cuts', () => drawCuts(layers.cuts, ctx)],
      ['links', () => drawLinks(layers.links, ctx)],
      ['producers', () => drawProducers(layers.producers, ctx)],
      ['owners', () => drawOwnerLines(layers.owners, ctx)],
      ['groups', () => drawGroups(layers.groups, ctx)],
      ['tokens', () => drawTokens(layers.tokens, ctx, index!, rowsByKey)],
      [
        'wire',
        () => {
          const shown = wire.visible(frame!.time, frame!.speed ?? 1);
          drawWire(layers.wire, ctx, index!, rowsByKey, shown.drops, shown.errors);
        },
      ],
      ['legend', () => drawLegend(layers.legend, ctx)],
    ];
    const profile = (globalThis as { __kvProfile?: Record<string, number> }).__kvProfile;
    if (profile) profile.draws = (profile.draws ?? 0) + 1;
    for (const [name, fn] of parts) {
      if (!clients && (name === 'producers' || name === 'groups')) continue;
      if (!profile) {
        fn();
        continue;
      }
      const t0 = performance.now();
      fn();
      profile[name] = (profile[name] ?? 0) + performance.now() - t0;
    }
    finishStrips(ctx);
    if ((!words || !clients || half !== undefined) && document.visibilityState !== 'hidden') {
      late = window.setTimeout(
        () => {
          late = 0;
          forceExact = true;
          draw();
        },
        // Playing, the next engine frame's draw comes first and cancels this one.
        Math.max(words ? 0 : wordsPace.wait(now), clients ? 0 : clientsPace.wait(now), half === undefined ? 0 : HALF_LATE_MS),
      );
    }
  };

  // A whole new cluster (a seek, a fork, a switch, a new size) is drawn over a few frames, not in
  // one long task: the strips left over are drawn in the next frame (hidden: once seen again),
  // only they, unless a newer engine frame comes first (its draw takes them first in line).
  const finishStrips = (ctx: DrawContext): void => {
    if (!ctx.budget?.deferred || document.visibilityState === 'hidden') return;
    rest = requestAnimationFrame(() => {
      rest = 0;
      const next = { ...ctx, budget: frameBudget(ctx.half === undefined ? STRIPS_BUDGET_MS : PLAYING_STRIPS_BUDGET_MS) };
      drawStrips(layers.strips, next);
      finishStrips(next);
    });
  };

  // Hidden, nothing draws: the strips left over wait until the page is seen again.
  const onVisibility = (): void => {
    if (document.visibilityState === 'hidden') cancelScheduled();
    else if (frame) draw();
  };
  document.addEventListener('visibilitychange', onVisibility);
  const stopInput = listenForInput(svg, options);

  return {
    update(next) {
      // Time going backwards is a scrub back or another run: what was remembered is not this run's.
      if (frame && next.time < frame.time) wire.clear();
      if (next.wire !== frame?.wire) wire.add(next.wire);
      frame = next;
      // Drawn in the next animation frame, the newest engine frame only: on a busy machine the
      // worker's frames arrive faster than the screen shows them, and each draw the eye never saw
      // cost the main thread as much as one it did. Hidden, no frame comes: drawn at once.
      if (document.visibilityState === 'hidden') draw();
      else if (!pending) pending = requestAnimationFrame(() => {
        pending = 0;
        draw();
      });
    },
    flush() {
      if (pending) draw();
    },
    resize(w, h) {
      if (w === width && h === height) return;
      width = w;
      height = h;
      draw();
    },
    setTextScale(scale) {
      if (scale === textScale) return;
      textScale = scale;
      draw();
    },
    destroy() {
      cancelScheduled();
      document.removeEventListener('visibilitychange', onVisibility);
      stopInput();
      root.selectAll('*').remove();
      frame = null;
    },
  };
}

/**
 * How long one draw may spend on the strips before leaving the rest to the next frame: with the
 * browser's own layout and paint after it, a task stays under the 50 ms of a long task.
 */
const STRIPS_BUDGET_MS = 12;
/** The same while playing. */
const PLAYING_STRIPS_BUDGET_MS = 5;

/** While playing, the strips' HW / LEO words and names refresh at most this often (wall ms): the panels' rhythm. */
const WORDS_EVERY_MS = 250;
/** While playing, the producers and groups (their words and accumulator boxes) at most this often. */
const CLIENTS_EVERY_MS = 100;
/** No frame this long after a draw that left half the strips behind: draw them all (playback stopped). */
const HALF_LATE_MS = 120;

function frameBudget(ms: number): NonNullable<DrawContext['budget']> {
  const until = performance.now() + ms;
  return { over: () => performance.now() > until, deferred: false };
}
