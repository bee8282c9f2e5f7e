/**
 * The view's own stylesheet, scoped to `svg.kv`: colours as CSS variables so the light and dark
 * themes (the app sets `data-theme` on <html>) share every mark, and the projector stays legible.
 */
export const VIEW_CSS = `
svg.kv {
  --kv-fg: #1a2030; --kv-muted: #586173; --kv-bg: #ffffff; --kv-panel: #f2f4f8; --kv-line: #c3c9d3;
  --kv-empty: #e6e9ef; --kv-isr: rgba(0, 114, 178, 0.11); --kv-isr-edge: #0072B2; --kv-danger: #D55E00;
  --kv-crashed: rgba(16, 18, 26, 0.5); --kv-off: rgba(118, 122, 134, 0.42); --kv-hatch: rgba(255, 255, 255, 0.85);
  --kv-uncommitted: 0.42;
  font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "PingFang SC",
    "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  font-variant-numeric: tabular-nums;
  color: var(--kv-fg);
  user-select: none;
}
:root[data-theme="dark"] svg.kv {
  --kv-fg: #e8ebf2; --kv-muted: #a7b0bf; --kv-bg: #12151b; --kv-panel: #1b2029; --kv-line: #3b4350;
  --kv-empty: #262c37; --kv-isr: rgba(86, 180, 233, 0.15); --kv-isr-edge: #56B4E9; --kv-danger: #F07A3A;
  --kv-crashed: rgba(0, 0, 0, 0.5); --kv-off: rgba(150, 154, 166, 0.30); --kv-hatch: rgba(18, 21, 27, 0.8);
  --kv-uncommitted: 0.62;
}
:root[data-theme="projector"] svg.kv {
  --kv-fg: #000000; --kv-muted: #1f2630; --kv-bg: #ffffff; --kv-panel: #eceff3; --kv-line: #5b636e;
  --kv-empty: #dfe3e9; --kv-isr: rgba(0, 90, 160, 0.16); --kv-isr-edge: #00508f; --kv-danger: #b23c00;
  --kv-crashed: rgba(0, 0, 0, 0.6); --kv-off: rgba(90, 94, 104, 0.5); --kv-hatch: rgba(255, 255, 255, 0.9);
  --kv-uncommitted: 0.4; --kv-w: 1.6;
}
svg.kv text { fill: var(--kv-fg); dominant-baseline: central; }
/* The projector's thicker marks: every stroke width below is multiplied by --kv-w (1 elsewhere). */
:root[data-theme="projector"] svg.kv text { font-weight: 600; }
svg.kv .muted { fill: var(--kv-muted); }
svg.kv .danger { fill: var(--kv-danger); }
svg.kv .bg { fill: var(--kv-bg); }
svg.kv .panel { fill: var(--kv-panel); }
svg.kv .hit { cursor: pointer; }
svg.kv .hit:focus { outline: none; }
/* A replica's ring sits in the strip's body group (it slides with the strip): one level down. */
svg.kv .hit:focus-visible > .focus-ring, svg.kv .hit:focus-visible > g > .focus-ring { stroke: var(--kv-fg); stroke-width: calc(3px * var(--kv-w, 1)); }
svg.kv .hit:hover > .focus-ring, svg.kv .hit:hover > g > .focus-ring { stroke: var(--kv-fg); stroke-width: calc(2px * var(--kv-w, 1)); }
svg.kv .focus-ring { fill: none; stroke: transparent; }
/* Above the HW (not committed yet): a lighter tone of the producer's colour. */
svg.kv .uncommitted { fill-opacity: var(--kv-uncommitted); }
svg.kv .empty { fill: var(--kv-empty); }
svg.kv .isr-bg { fill: var(--kv-isr); stroke: var(--kv-isr-edge); stroke-width: calc(1.5px * var(--kv-w, 1)); }
svg.kv .out-isr { fill: none; stroke: var(--kv-danger); stroke-width: calc(2px * var(--kv-w, 1)); stroke-dasharray: 5 3; }
svg.kv .hw { stroke: var(--kv-fg); stroke-width: calc(3px * var(--kv-w, 1)); }
svg.kv .leo { stroke: var(--kv-fg); stroke-width: calc(1.5px * var(--kv-w, 1)); stroke-dasharray: 3 2; }
svg.kv .lso { stroke: var(--kv-muted); stroke-width: calc(2px * var(--kv-w, 1)); }
svg.kv .badge { fill: var(--kv-fg); }
svg.kv .badge-text { fill: var(--kv-bg); font-weight: 700; }
svg.kv .crashed { fill: var(--kv-crashed); }
svg.kv .off { fill: var(--kv-off); }
svg.kv .cut { stroke: var(--kv-danger); stroke-width: calc(2.5px * var(--kv-w, 1)); fill: none; stroke-dasharray: 10 6; }
svg.kv .link-hit { stroke: transparent; stroke-width: 8px; fill: none; pointer-events: stroke; }
svg.kv .link .focus-ring, svg.kv .link-line { pointer-events: none; }
svg.kv .link-line { stroke: var(--kv-line); stroke-width: calc(1px * var(--kv-w, 1)); fill: none; }
svg.kv .link-line.slow { stroke: var(--kv-danger); stroke-dasharray: 3 3; }
svg.kv .wire { stroke: var(--kv-line); stroke-width: calc(1px * var(--kv-w, 1)); fill: none; }
svg.kv .header { fill: var(--kv-panel); stroke: var(--kv-line); stroke-width: calc(1px * var(--kv-w, 1)); }
svg.kv .controller-name { stroke: var(--kv-panel); stroke-width: 5px; stroke-linejoin: round; paint-order: stroke; pointer-events: none; }
svg.kv .header.slow { stroke: var(--kv-danger); stroke-width: calc(2px * var(--kv-w, 1)); stroke-dasharray: 6 4; }
svg.kv .header.isolated { stroke: var(--kv-danger); stroke-width: calc(3px * var(--kv-w, 1)); }
svg.kv .ghost { fill: none; stroke: var(--kv-danger); stroke-width: calc(1.5px * var(--kv-w, 1)); }
svg.kv .highlight { fill: none; stroke: var(--kv-fg); stroke-width: calc(3px * var(--kv-w, 1)); }
svg.kv .token-req { stroke: var(--kv-bg); stroke-width: calc(1px * var(--kv-w, 1)); }
svg.kv .token-res { fill: var(--kv-bg); stroke-width: calc(2px * var(--kv-w, 1)); }
/* Lost on the wire: the kind's colour, a danger ✕ and a dashed danger outline; error responses in danger red. */
svg.kv .wire-drop .pill { stroke: var(--kv-danger); stroke-width: calc(2px * var(--kv-w, 1)); stroke-dasharray: 3 2; }
svg.kv .wire-drop .letter { fill: #ffffff; }
svg.kv .wire-error .pill { fill: var(--kv-danger); stroke: var(--kv-fg); stroke-width: calc(2px * var(--kv-w, 1)); stroke-dasharray: 4 2; }
svg.kv .wire-error .letter { fill: #ffffff; }
svg.kv .wire-mark .cross { fill: var(--kv-danger); stroke: var(--kv-bg); stroke-width: 3px; paint-order: stroke; }
svg.kv .wire-mark .wire-label { fill: var(--kv-danger); }
svg.kv .wire-mark .wire-plate { fill: var(--kv-bg); fill-opacity: 0.92; stroke: var(--kv-danger); stroke-width: 1px; }
svg.kv .pip { fill: var(--kv-bg); stroke: var(--kv-muted); stroke-width: calc(1.2px * var(--kv-w, 1)); }
svg.kv .pip.on { fill: var(--kv-fg); stroke: var(--kv-fg); }
svg.kv .pip.on.busy { fill: var(--kv-danger); stroke: var(--kv-danger); }
svg.kv .row-line { stroke: var(--kv-line); stroke-width: calc(1px * var(--kv-w, 1)); }
svg.kv .owner-line { fill: none; stroke-width: calc(2px * var(--kv-w, 1)); }
svg.kv .member-box { fill: var(--kv-panel); stroke-width: calc(2.5px * var(--kv-w, 1)); }
/* State changes ease in over ~200 ms (only when the view marks them; reduced motion never does). */
@keyframes kv-ease-in { from { opacity: 0; } to { opacity: 1; } }
@keyframes kv-slide-down { from { transform: translateY(-4px); } }
@keyframes kv-slide-up { from { transform: translateY(4px); } }
svg.kv .kv-ease-in { animation: kv-ease-in 220ms ease-out; }
svg.kv .kv-slide-down { animation: kv-slide-down 220ms ease-out; }
svg.kv .kv-slide-up { animation: kv-slide-up 220ms ease-out; }
/* Owner lines (owners.ts, LAND_MS and LEAVE_MS there): land from member to row, retract into the member; lengths are pathLength 1. */
@keyframes kv-owner-land { from { stroke-dashoffset: 1px; } to { stroke-dashoffset: 0px; } }
@keyframes kv-owner-leave { from { stroke-dashoffset: 0px; } to { stroke-dashoffset: 1px; } }
svg.kv .owner.landing .owner-line { animation: kv-owner-land 320ms ease-in-out both; }
svg.kv .owner.landing circle { animation: kv-ease-in 80ms linear both; }
svg.kv .owner-leaving .owner-line { animation: kv-owner-leave 260ms ease-in-out forwards; }
svg.kv .owner-leaving circle { opacity: 0; }
@media (prefers-reduced-motion: reduce) {
  svg.kv .kv-ease-in, svg.kv .kv-slide-down, svg.kv .kv-slide-up { animation: none; }
}
svg.kv .member-box.dead { stroke-dasharray: 5 4; opacity: 0.6; }
`;
