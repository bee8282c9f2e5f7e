/**
 * A producer's deque on a partition's row, as element specs (patch.ts): the batches filling
 * towards batch.size (the oldest at the right), the newest open one with its linger countdown,
 * "+N" for batches beyond the lane and the records in flight. Each batch keeps its facts in
 * data-batch; its tooltip is written on hover (viewInput.ts).
 */
import type { ProducerSnapshot } from '../engine';
import type { DrawContext } from './context';
import type { ElementSpec } from './patch';

type Deque = ProducerSnapshot['deques'][number];

export function dequeSpecs(ctx: Pick<DrawContext, 'layout' | 't'>, p: Pick<ProducerSnapshot, 'batchSize' | 'lingerMs'>, dq: Deque, lane: { x: number; width: number }, cy: number, colour: string): ElementSpec[] {
  const { layout, t } = ctx;
  // A batch is a box about as wide as tall: a lone partition's tall strip does not make it a pillar.
  const h = Math.max(8, Math.min(layout.strip.height + 4, (layout.rows[0]?.band.height ?? 20) * 0.6, layout.font * 3));
  // A phone's lane is narrow: the newest batch still fits inside it.
  const bw = Math.max(10, Math.min(h * 1.3, 34, lane.width - 10));
  const right = lane.x + lane.width - 4;
  const maxShown = Math.max(1, Math.floor((lane.width * 0.7) / (bw + 3)));
  const fs = Math.min(layout.small, h * 0.7);
  const out: ElementSpec[] = [{ tag: 'line', attrs: { class: 'wire', x1: lane.x + 4, x2: right + 4, y1: cy, y2: cy } }];
  dq.batches.slice(0, maxShown).forEach((b, i) => {
    const x = right - (i + 1) * (bw + 3);
    const fill = Math.max(0.08, Math.min(1, b.bytes / Math.max(1, p.batchSize)));
    const children: ElementSpec[] = [
      { tag: 'rect', attrs: { x, y: cy - h / 2, width: Math.max(0, bw), height: h, fill: 'var(--kv-bg)', stroke: colour, 'stroke-width': 1.5, rx: 2 } },
      { tag: 'rect', attrs: { x, y: cy + h / 2 - h * fill, width: Math.max(0, bw), height: h * fill, fill: colour, rx: 2 } },
    ];
    if (bw >= 14 && h >= 12) {
      children.push({ tag: 'text', attrs: { x: x + bw / 2, y: cy, 'text-anchor': 'middle', 'font-size': fs, 'font-weight': 700, stroke: 'var(--kv-bg)', 'stroke-width': 2.5, 'paint-order': 'stroke' }, text: String(b.records) });
    }
    // The newest open batch counts down linger.ms: the bar empties as the batch ages.
    if (i === dq.batches.length - 1 && !b.closed && p.lingerMs > 0) {
      const left = Math.max(0, 1 - b.ageMs / p.lingerMs);
      children.push({ tag: 'rect', attrs: { x, y: cy + h / 2 + 2, width: Math.max(0, bw * left), height: 3, fill: 'var(--kv-fg)' } });
    }
    out.push({ tag: 'g', attrs: { 'data-batch': JSON.stringify([b.records, b.bytes, p.batchSize, Math.round(b.ageMs), p.lingerMs]) }, children });
  });
  if (dq.batches.length > maxShown) {
    out.push({ tag: 'text', attrs: { class: 'muted', x: right - maxShown * (bw + 3) - 3, y: cy, 'text-anchor': 'end', 'font-size': layout.small }, text: `+${dq.batches.length - maxShown}` });
  }
  if (dq.inFlightRecords > 0 && dq.batches.length < maxShown) {
    const x = right - Math.max(1, dq.batches.length + 1) * (bw + 3);
    out.push({ tag: 'text', attrs: { class: 'muted', x, y: cy, 'text-anchor': 'end', 'font-size': layout.small }, text: t('view.producer.inFlight', { records: dq.inFlightRecords }) });
  }
  return out;
}
