// PLACEHOLDER, replaced at merge by the "view" helper's d3 cluster view (same path, same exports).
// It keeps the app working until then: a plain grid, partitions as rows and brokers as columns,
// each cell a replica with its log end offset and high watermark. No tokens, no animation.
import { select } from 'd3-selection';
import type { ClusterSnapshot } from '../engine';
import type { MessageInFlight } from '../worker/protocol';

export type ViewTarget =
  | { kind: 'broker'; broker: number }
  | { kind: 'replica'; topic: string; partition: number; broker: number }
  | { kind: 'link'; between: [string, string] }
  | { kind: 'producer'; producer: string }
  | { kind: 'member'; group: string; member: string }
  | { kind: 'record'; recordId: number };

export interface ViewFrame {
  snapshot: ClusterSnapshot;
  /** Fractional virtual ms. */
  time: number;
  inFlight: readonly MessageInFlight[];
  hiddenTokenKinds: ReadonlySet<string>;
  highlightRecord: number | null;
  reducedMotion: boolean;
}

export interface ClusterViewOptions {
  t: (key: string, vars?: Record<string, unknown>) => string;
  onSelect?: (target: ViewTarget) => void;
  onContextMenu?: (target: ViewTarget, at: { x: number; y: number }) => void;
}

export interface ClusterView {
  update(frame: ViewFrame): void;
  resize(width: number, height: number): void;
  destroy(): void;
}

export function createClusterView(svg: SVGSVGElement, options: ClusterViewOptions): ClusterView {
  const root = select(svg).append('g').attr('class', 'placeholder-view');
  let size = { width: 600, height: 300 };
  let last: ViewFrame | null = null;

  const draw = (frame: ViewFrame) => {
    const { brokers, partitions } = frame.snapshot;
    const left = 110;
    const top = 40;
    const colW = Math.max(60, (size.width - left - 10) / Math.max(1, brokers.length));
    const rowH = Math.max(24, Math.min(56, (size.height - top - 10) / Math.max(1, partitions.length)));
    const heads = root.selectAll<SVGGElement, (typeof brokers)[number]>('g.broker').data(brokers, (b) => String(b.id));
    const head = heads.join((enter) => {
      const g = enter.append('g').attr('class', 'broker').attr('tabindex', 0).attr('role', 'button');
      g.append('rect').attr('rx', 6);
      g.append('text').attr('text-anchor', 'middle').attr('dy', '1.1em');
      return g;
    });
    head
      .attr('transform', (_b, i) => `translate(${left + i * colW},4)`)
      .attr('data-state', (b) => b.state)
      .attr('data-target', (b) => `broker:${b.id}`)
      .attr('aria-label', (b) => options.t('broker', { id: b.id, state: b.state }))
      .on('click', (_e, b) => options.onSelect?.({ kind: 'broker', broker: b.id }))
      .on('contextmenu', (e: MouseEvent, b) => {
        e.preventDefault();
        options.onContextMenu?.({ kind: 'broker', broker: b.id }, { x: e.clientX, y: e.clientY });
      })
      .on('keydown', (e: KeyboardEvent, b) => {
        if (e.key !== 'ContextMenu' && !(e.shiftKey && e.key === 'F10')) return;
        e.preventDefault();
        const r = (e.currentTarget as Element).getBoundingClientRect();
        options.onContextMenu?.({ kind: 'broker', broker: b.id }, { x: r.left, y: r.bottom });
      });
    head.select('rect').attr('width', colW - 8).attr('height', 28);
    head.select('text').attr('x', (colW - 8) / 2).text((b) => `b${b.id} · ${b.state}`);

    const rows = root.selectAll<SVGGElement, (typeof partitions)[number]>('g.partition').data(partitions, (p) => `${p.topic}-${p.partition}`);
    const row = rows.join((enter) => {
      const g = enter.append('g').attr('class', 'partition');
      g.append('text').attr('class', 'label').attr('dy', '1.2em');
      return g;
    });
    row.attr('transform', (_p, i) => `translate(0,${top + i * rowH})`);
    row.select('text.label').text((p) => `${p.topic}-${p.partition}`);
    row.each(function (p) {
      const cells = select(this)
        .selectAll<SVGGElement, (typeof p.replicaStates)[number]>('g.replica')
        .data(p.replicaStates, (r) => String(r.broker))
        .join((enter) => {
          const g = enter.append('g').attr('class', 'replica');
          g.append('rect').attr('rx', 4);
          g.append('text').attr('dy', '1.2em').attr('x', 6);
          return g;
        });
      const col = (id: number) => brokers.findIndex((b) => b.id === id);
      cells.attr('transform', (r) => `translate(${left + col(r.broker) * colW},0)`);
      cells
        .select('rect')
        .attr('width', colW - 8)
        .attr('height', rowH - 6)
        .attr('data-isr', (r) => String(p.isr.includes(r.broker)))
        .attr('data-leader', (r) => String(p.leader === r.broker));
      cells.select('text').text((r) => `${p.leader === r.broker ? 'L ' : ''}LEO ${r.logEndOffset} · HW ${r.highWatermark}`);
    });
  };

  return {
    update(frame) {
      last = frame;
      draw(frame);
    },
    resize(width, height) {
      size = { width, height };
      select(svg).attr('viewBox', `0 0 ${width} ${height}`);
      if (last) draw(last);
    },
    destroy() {
      root.remove();
    },
  };
}
