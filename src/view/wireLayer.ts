/**
 * Draws what `wire.ts` keeps: dropped tokens falling off their link with the reason beside them,
 * and error responses where they landed — filled with the danger colour, a dashed outline and a
 * ✕ (never colour alone), the error code beside them. Keyed by message id; only the newest few
 * carry a text label, so a burst of drops stays readable.
 */
import { setText, type DrawContext, type G } from './context';
import type { RowLayout } from './layout';
import { headerBoxes, placeLabel, textObstacles, type LabelPlacement } from './labelPlace';
import { isHidden, tokenLetter } from './palette';
import { routeOf, type RouteIndex } from './route';
import { tokenColour } from './tokens';
import { ERROR_WALL_MS, FALL_WALL_MS, errorOpacity, fallState, lossPoint, type WireDrop, type WireError } from './wire';

interface Mark {
  key: string;
  x: number;
  y: number;
  opacity: number;
  angle: number;
  letter: string;
  colour: string;
  error: boolean;
  label: string | null;
  /** Where the label goes, clear of header text (null: no label). */
  place: LabelPlacement | null;
  title: string;
}

const LABELLED = 4;

export function drawWire(root: G, ctx: DrawContext, index: RouteIndex, rows: ReadonlyMap<string, RowLayout>, drops: readonly WireDrop[], errors: readonly WireError[]): void {
  const { frame, layout, t } = ctx;
  const speed = frame.speed ?? 1;
  const h = Math.round(Math.max(12, Math.min(layout.font * 1.25, 22)));
  const marks: Mark[] = [];
  const w = h * 1.25;
  const headers = headerBoxes(layout);
  const shownDrops = drops.filter((d) => !isHidden(d.kind, frame.hiddenTokenKinds));
  shownDrops.forEach((d, i) => {
    const route = routeOf(d, layout, index, rows);
    if (!route) return;
    const at = fallState(lossPoint(route, d, headers, w / 2), d.droppedAt, frame.time, FALL_WALL_MS * speed, h * 3, frame.reducedMotion);
    if (!at) return;
    const reason = t(`view.wire.reason.${d.reason}`, { defaultValue: d.reason });
    marks.push({
      key: `d${d.messageId}`,
      ...at,
      letter: tokenLetter(d.kind),
      colour: tokenColour(d, ctx),
      error: false,
      label: i >= shownDrops.length - LABELLED ? `✕ ${reason}` : null,
      place: null,
      title: t('view.wire.dropped', { kind: d.kind, from: d.from, to: d.to, reason }),
    });
  });
  const shownErrors = errors.filter((e) => !isHidden(e.kind, frame.hiddenTokenKinds));
  shownErrors.forEach((e, i) => {
    const route = routeOf(e, layout, index, rows);
    if (!route) return;
    const opacity = errorOpacity(e.deliverAt, frame.time, ERROR_WALL_MS * speed, frame.reducedMotion);
    if (opacity === null) return;
    const codes = e.errors.join(', ');
    // Just short of the receiver, so the mark does not hide under its box.
    const x = route.to.x + (route.from.x - route.to.x) * 0.12;
    const y = route.to.y + (route.from.y - route.to.y) * 0.12;
    marks.push({
      key: `e${e.messageId}`,
      x,
      y,
      opacity,
      angle: 0,
      letter: tokenLetter(e.kind),
      colour: 'var(--kv-danger)',
      error: true,
      label: i >= shownErrors.length - LABELLED ? codes : null,
      place: null,
      title: t('view.wire.error', { kind: e.kind, from: e.from, to: e.to, errors: codes }),
    });
  });

  // Labels stay upright and off the headers' words (a label over "Broker 1" made both unreadable).
  const obstacles = textObstacles(layout);
  // Newest last: each placed label becomes an obstacle for the next, so a burst's labels do not stack.
  for (const m of marks) {
    if (!m.label) continue;
    const p = placeLabel(m, w * 0.75, m.label, layout.small, obstacles, layout);
    m.place = p;
    obstacles.push({ x: m.x + p.dx, y: m.y + p.dy, width: p.width, height: p.height });
  }
  root
    .selectAll<SVGGElement, Mark>('g.wire-mark')
    .data(marks, (d) => d.key)
    .join(
      (enter) => {
        const g = enter.append('g').attr('class', (d) => `wire-mark ${d.error ? 'wire-error' : 'wire-drop'}`);
        const glyph = g.append('g').attr('class', 'glyph');
        glyph.append('rect').attr('class', 'pill').attr('x', -w / 2).attr('y', -h / 2).attr('width', w).attr('height', h).attr('rx', h / 2);
        glyph.append('text').attr('class', 'letter').attr('text-anchor', 'middle').attr('font-weight', 800).attr('font-size', Math.round(h * 0.68));
        // The second cue: a ✕ on the token's corner.
        glyph.append('text').attr('class', 'cross').attr('x', w / 2).attr('y', -h / 2).attr('text-anchor', 'middle').attr('font-weight', 900).attr('font-size', Math.round(h * 0.8)).text('✕');
        // A plate under the label, so whatever it lands on (strip cells, links) never mixes with its words.
        g.append('rect').attr('class', 'wire-plate').attr('rx', 3);
        g.append('text').attr('class', 'wire-label').attr('font-size', layout.small).attr('font-weight', 700).attr('dominant-baseline', 'central');
        g.append('title');
        return g;
      },
      (update) => update,
      (exit) => exit.remove(),
    )
    .attr('transform', (d) => `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`)
    .attr('opacity', (d) => d.opacity.toFixed(2))
    .each(function (d) {
      const glyph = this.firstChild as SVGGElement;
      glyph.setAttribute('transform', d.angle ? `rotate(${d.angle.toFixed(1)})` : '');
      const pill = glyph.firstChild as SVGRectElement;
      if (!d.error) pill.setAttribute('fill', d.colour);
      const letter = pill.nextSibling as SVGTextElement;
      setText(letter, d.letter);
      const plate = glyph.nextSibling as SVGRectElement;
      const label = plate.nextSibling as SVGTextElement;
      const text = d.label ?? '';
      setText(label, text);
      const p = d.place;
      plate.setAttribute('display', p ? 'inline' : 'none');
      if (p) {
        plate.setAttribute('x', p.dx.toFixed(1));
        plate.setAttribute('y', p.dy.toFixed(1));
        plate.setAttribute('width', String(p.width));
        plate.setAttribute('height', String(p.height));
        label.setAttribute('x', (p.dx + 3).toFixed(1));
        label.setAttribute('y', (p.dy + p.height / 2).toFixed(1));
      }
      const title = label.nextSibling as SVGTitleElement;
      setText(title, d.title);
    });
}
