/**
 * Messages on the wire as pills carrying the API's initial, placed at `frame.time` between their
 * sentAt and deliverAt: requests solid, responses outlined. Produce traffic wears its producer's
 * colour, consumer traffic its member's, replication and the controller's the ink colour.
 */
import type { MessageInFlight } from '../engine';
import { put, setText, SVG_NS, type DrawContext, type G } from './context';
import type { RowLayout } from './layout';
import { isHidden, isResponse, tokenLetter } from './palette';
import { routeOf, tokenPosition, type RouteIndex } from './route';

interface TokenDatum {
  m: MessageInFlight;
  x: number;
  y: number;
  letter: string;
  colour: string;
  response: boolean;
  highlighted: boolean;
}

export function drawTokens(root: G, ctx: DrawContext, index: RouteIndex, rows: ReadonlyMap<string, RowLayout>): void {
  const { frame, layout } = ctx;
  const data: TokenDatum[] = [];
  for (const m of frame.inFlight) {
    if (isHidden(m.kind, frame.hiddenTokenKinds)) continue;
    const route = routeOf(m, layout, index, rows);
    if (!route) continue;
    const at = tokenPosition(route, m, frame.time, frame.reducedMotion);
    data.push({
      m,
      x: at.x,
      y: at.y,
      letter: tokenLetter(m.kind),
      colour: tokenColour(m, ctx),
      response: isResponse(m.kind),
      highlighted: frame.highlightRecord !== null && (m.recordIds?.includes(frame.highlightRecord) ?? false),
    });
  }
  const h = Math.round(Math.max(12, Math.min(layout.font * 1.25, 22)));
  // Kept by message id on the layer's node (not a d3 join: tens of tokens every frame, and a join
  // rebuilds its arrays and data bindings each time). Order follows frame.inFlight's.
  const layer = root.node() as TokenLayer;
  const held = (layer.__kvTokens ??= new Map<number, TokenNode>());
  // Tokens of short hops live a frame or two: a token that lands is handed to a message that
  // takes off in the same frame, still shown (about twenty a frame at 500 records/s), and only
  // those left over go hidden into a pool for later ones. So a frame adds and removes no elements
  // (each new element costs style, layout and paint), hides and shows only the difference, and a
  // reused token rewrites only what differs.
  const pool = (layer.__kvPool ??= new Pool<TokenNode>(POOL_MAX));
  const seen = new Set<number>();
  for (const d of data) seen.add(d.m.messageId);
  const landed = new Pool<TokenNode>(Infinity);
  for (const [id, node] of held) {
    if (seen.has(id)) continue;
    held.delete(id);
    landed.put(node, node.__kvShape ?? '');
  }
  for (const d of data) {
    const id = d.m.messageId;
    let node = held.get(id);
    if (!node) {
      // A token of the same look if there is one (then nothing but its place is rewritten): a
      // landed one first, then a hidden one; else one of another look, else a new one.
      const shape = lookOf(d, h).shape;
      node = landed.takeExact(shape);
      if (!node) {
        const hidden = pool.takeExact(shape) ?? (landed.size === 0 ? pool.take(shape) : undefined);
        hidden?.removeAttribute('visibility');
        node = hidden ?? landed.take(shape) ?? makeToken(layer, h);
      }
      held.set(id, node);
    }
    // Only the position moves from frame to frame: the rest is written when the token's look
    // changes (a setAttribute of an SVG attribute invalidates its layout even with the same value).
    const transform = `translate(${d.x.toFixed(1)},${d.y.toFixed(1)})`;
    if (node.__kvAt !== transform) {
      node.__kvAt = transform;
      node.setAttribute('transform', transform);
    }
    // The same message (its kind and ends never change), highlight, size and colour as last
    // frame: the token already looks right, and building its look's strings is most of its cost.
    if (node.__kvMsg === id && node.__kvLook === `${d.highlighted}|${h}|${d.colour}`) continue;
    node.__kvMsg = id;
    node.__kvLook = `${d.highlighted}|${h}|${d.colour}`;
    writeLook(node, d, h);
  }
  // Hidden by visibility, not display: a token shown again keeps its layout objects (display none
  // dropped them, and showing it built them anew).
  for (const node of landed.drain()) {
    if (pool.put(node, node.__kvShape ?? '')) node.setAttribute('visibility', 'hidden');
    else node.remove();
  }
}

type TokenNode = SVGGElement & { __kvShape?: string; __kvAt?: string; __kvMsg?: number; __kvLook?: string };
type TokenLayer = SVGGElement & { __kvTokens?: Map<number, TokenNode>; __kvPool?: Pool<TokenNode> };

/** Hidden tokens kept for reuse at most (a burst's tokens beyond it are removed). */
const POOL_MAX = 64;

function makeToken(layer: SVGGElement, h: number): TokenNode {
  const g = layer.appendChild(document.createElementNS(SVG_NS, 'g')) as TokenNode;
  g.setAttribute('class', 'token');
  g.setAttribute('pointer-events', 'none');
  const rect = g.appendChild(document.createElementNS(SVG_NS, 'rect'));
  rect.setAttribute('rx', String(h / 2));
  const text = g.appendChild(document.createElementNS(SVG_NS, 'text'));
  text.setAttribute('text-anchor', 'middle');
  text.setAttribute('font-weight', '800');
  g.appendChild(document.createElementNS(SVG_NS, 'title'));
  return g;
}

/** How a token looks: its shape (size, kind, colour, letter) and its name. */
function lookOf(d: TokenDatum, h: number): { w: number; hh: number; shape: string; label: string } {
  const w = h * (d.letter.length > 1 ? 1.7 : 1.25) * (d.highlighted ? 1.3 : 1);
  const hh = h * (d.highlighted ? 1.3 : 1);
  return { w, hh, shape: `${w}|${hh}|${h}|${d.response}|${d.colour}|${d.letter}`, label: `${d.m.kind} ${d.m.from} → ${d.m.to}` };
}

/** Things kept for reuse by a key (hidden tokens by shape), at most `max` in all. */
export class Pool<T> {
  private readonly byKey = new Map<string, T[]>();
  private count = 0;

  constructor(private readonly max: number) {}

  /** Keeps `item` under `key`; false when the pool is full (the caller lets it go). */
  put(item: T, key: string): boolean {
    if (this.count >= this.max) return false;
    let list = this.byKey.get(key);
    if (!list) this.byKey.set(key, (list = []));
    list.push(item);
    this.count++;
    return true;
  }

  /** How many items it keeps. */
  get size(): number {
    return this.count;
  }

  /** An item kept under `key` if there is one, else any kept item, else undefined. */
  take(key: string): T | undefined {
    return this.takeExact(key) ?? this.takeFrom([...this.byKey.values()].find((l) => l.length > 0));
  }

  /** An item kept under `key` if there is one, else undefined. */
  takeExact(key: string): T | undefined {
    return this.takeFrom(this.byKey.get(key));
  }

  /** Every item kept, the pool left empty. */
  drain(): T[] {
    const all = [...this.byKey.values()].flat();
    this.byKey.clear();
    this.count = 0;
    return all;
  }

  private takeFrom(list: T[] | undefined): T | undefined {
    const item = list?.pop();
    if (item !== undefined) this.count--;
    return item;
  }
}

function writeLook(node: TokenNode, d: TokenDatum, h: number): void {
  const { w, hh, shape, label } = lookOf(d, h);
  if (node.__kvShape === shape) {
    // The same shape: only the name may differ (a pooled token taking another message).
    const title = node.lastChild as SVGTitleElement;
    setText(title, label);
    return;
  }
  node.__kvShape = shape;
  // put: a pooled token taking a new message rewrites only the attributes that differ.
  const rect = node.firstChild as SVGRectElement;
  put(rect, 'rx', String(h / 2));
  put(rect, 'x', String(-w / 2));
  put(rect, 'y', String(-hh / 2));
  put(rect, 'width', String(w));
  put(rect, 'height', String(hh));
  put(rect, 'class', d.response ? 'token-res' : 'token-req');
  put(rect, 'fill', d.response ? 'var(--kv-bg)' : d.colour);
  put(rect, 'stroke', d.response ? d.colour : 'var(--kv-bg)');
  const text = rect.nextSibling as SVGTextElement;
  put(text, 'font-size', String(Math.round(hh * 0.68)));
  put(text, 'fill', d.response ? d.colour : '#ffffff');
  put(text, 'y', '0');
  setText(text, d.letter);
  const title = text.nextSibling as SVGTitleElement;
  setText(title, label);
}

export function tokenColour(m: Pick<MessageInFlight, 'from' | 'to'>, ctx: DrawContext): string {
  const producer = ctx.snapshot.producers.find((p) => p.id === m.from || p.id === m.to);
  if (producer) return ctx.producerColour(producer.id);
  const member = m.from.includes('/') ? m.from : m.to.includes('/') ? m.to : null;
  if (member) return ctx.memberColour(member);
  return m.from === 'controller' || m.to === 'controller' ? '#6b7280' : '#3b4252';
}
