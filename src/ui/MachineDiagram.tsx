import { memo } from 'react';
import { METRICS, type DiagramLayout, type EdgeLayout, type Point, type Segment } from '../diagram/layout';

/** One firing of transitions, drawn once as a flash that fades (removed when its animation ends). */
export interface Flash {
  seq: number;
  transitions: readonly string[];
  /** The state it entered (flashes too). */
  to: string;
  /** Steps seen in one frame flash one after another: this one starts this many ms late. */
  delayMs: number;
}

/** The edge's segments as one svg path (a move where the line skips its label). */
function edgePath(segments: readonly Segment[]): string {
  let d = '';
  let at: Point | null = null;
  for (const s of segments) {
    if (!at || at.x !== s.from.x || at.y !== s.from.y) d += `M${s.from.x},${s.from.y}`;
    d += s.c1 && s.c2 ? ` C${s.c1.x},${s.c1.y} ${s.c2.x},${s.c2.y} ${s.to.x},${s.to.y}` : ` L${s.to.x},${s.to.y}`;
    at = s.to;
  }
  return d;
}

/** An arrowhead at the line's end, pointing along the main axis it arrives on. */
function arrowHead(segments: readonly Segment[], lr: boolean): string {
  const last = segments.at(-1)!;
  const q = last.to;
  const p = last.c2 ?? last.from;
  const s = 7;
  if (lr) {
    const dx = q.x >= p.x ? -1 : 1;
    return `${q.x},${q.y} ${q.x + dx * s * 1.4},${q.y - s * 0.7} ${q.x + dx * s * 1.4},${q.y + s * 0.7}`;
  }
  const dy = q.y >= p.y ? -1 : 1;
  return `${q.x},${q.y} ${q.x - s * 0.7},${q.y + dy * s * 1.4} ${q.x + s * 0.7},${q.y + dy * s * 1.4}`;
}

const lineY = (top: number, i: number) => top + 3 + METRICS.lineHeight * (i + 0.5);

function Edge({ edge, lr }: { edge: EdgeLayout; lr: boolean }) {
  const { label } = edge;
  return (
    <g className="md-edge" data-edge={edge.id}>
      <path className="md-edge-line" d={edgePath(edge.segments)} />
      <polygon className="md-arrow" points={arrowHead(edge.segments, lr)} />
      <rect className="md-label" x={label.x} y={label.y} width={label.width} height={label.height} rx={4} />
      {label.lines.map((line, i) => (
        <text key={i} className={`md-label-text${line.guard ? ' md-guard' : ''}`} x={label.x + 6} y={lineY(label.y, i)} dominantBaseline="central">
          {line.text}
        </text>
      ))}
    </g>
  );
}

/**
 * The state diagram, drawn from its layout. React draws it: the picture only changes when the
 * entity, its state or the language does (never per frame); flashes are CSS animations.
 */
export const MachineDiagram = memo(function MachineDiagram({
  layout,
  scale,
  lit,
  flashes,
  onFlashEnd,
  label,
  describedBy,
}: {
  layout: DiagramLayout;
  scale: number;
  /** The current state's box id, null when the machine is not running (no lit state). */
  lit: string | null;
  flashes: readonly Flash[];
  onFlashEnd(seq: number): void;
  label: string;
  describedBy: string;
}) {
  const lr = layout.direction === 'LR';
  return (
    <svg
      className="machine-svg"
      role="img"
      aria-label={label}
      aria-describedby={describedBy}
      width={Math.ceil(layout.width * scale)}
      height={Math.ceil(layout.height * scale)}
      viewBox={`0 0 ${layout.width} ${layout.height}`}
    >
      <g className="md-edges">
        {layout.edges.map((e) => (
          <Edge key={e.id} edge={e} lr={lr} />
        ))}
      </g>
      <g className="md-states">
        {layout.states.map((s) => {
          const on = s.id === lit;
          const titleY = s.y + METRICS.padY + (METRICS.stateFont * 1.3) / 2;
          return (
            <g key={s.id} className={`md-state md-kind-${s.kind}${on ? ' md-lit' : ''}`} data-state={s.id} data-lit={on ? 'true' : undefined}>
              {on && <rect className="md-ring" x={s.x - 4} y={s.y - 4} width={s.width + 8} height={s.height + 8} rx={12} />}
              <rect className="md-box" x={s.x} y={s.y} width={s.width} height={s.height} rx={8} />
              {s.kind === 'final' && <rect className="md-final" x={s.x + 3} y={s.y + 3} width={s.width - 6} height={s.height - 6} rx={6} />}
              {s.initial && <circle className="md-initial" cx={s.x + 11} cy={titleY} r={4.5} />}
              <text className="md-title" x={s.x + METRICS.padX + (s.initial ? 14 : 0)} y={titleY} dominantBaseline="central">
                {s.title}
              </text>
              {s.rows.map((r, i) => (
                <text key={i} className={`md-row${r.guard ? ' md-guard' : ''}`} x={s.x + METRICS.padX} y={lineY(s.y + METRICS.padY + METRICS.stateFont * 1.3 + 2, i)} dominantBaseline="central">
                  {r.text}
                </text>
              ))}
            </g>
          );
        })}
      </g>
      <g className="md-flashes" aria-hidden="true">
        {flashes.map((f) => {
          const fired = new Set(f.transitions);
          const box = layout.states.find((s) => s.id === f.to);
          const rows = layout.states.flatMap((s) => s.rows.map((r, i) => ({ s, r, i })).filter(({ r }) => fired.has(r.transition)));
          return (
            <g key={f.seq} className="md-flash" style={{ animationDelay: `${f.delayMs}ms` }} onAnimationEnd={(e) => e.target === e.currentTarget && onFlashEnd(f.seq)}>
              {layout.edges
                .filter((e) => e.transitions.some((t) => fired.has(t)))
                .map((e) => (
                  <g key={e.id}>
                    <path className="md-flash-line" d={edgePath(e.segments)} />
                    <rect className="md-flash-box" x={e.label.x} y={e.label.y} width={e.label.width} height={e.label.height} rx={4} />
                  </g>
                ))}
              {rows.map(({ s, i }) => (
                <rect key={`${s.id}:${i}`} className="md-flash-box" x={s.x + 4} y={lineY(s.y + METRICS.padY + METRICS.stateFont * 1.3 + 2, i) - METRICS.lineHeight / 2} width={s.width - 8} height={METRICS.lineHeight} rx={3} />
              ))}
              {box && <rect className="md-flash-box" x={box.x - 4} y={box.y - 4} width={box.width + 8} height={box.height + 8} rx={12} />}
            </g>
          );
        })}
      </g>
    </svg>
  );
});
