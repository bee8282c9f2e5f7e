/**
 * Where the clients go, given the grid's place (layout.ts): producers on the left, one lane each
 * beside the rows (their deques line up with the partitions); consumer groups on the right, a
 * lane each with a box per member. Their headers sit beside the broker headers on a wide view,
 * stacked in pairs when two side by side would starve the broker columns, and in a band above the
 * cluster on a phone.
 */
// Shapes spelled out here rather than imported from layout.ts, which imports this file (no import circle).
interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface MemberLayout {
  key: string;
  group: string;
  member: string;
  box: Rect;
}
interface LayoutInput {
  producers: readonly string[];
  groups: readonly { id: string; members: readonly string[] }[];
}

export interface ClientPlaces {
  producers: { id: string; header: Rect; lane: Rect }[];
  groups: { id: string; header: Rect; lane: Rect }[];
  members: MemberLayout[];
}

export interface ClientFrame {
  compact: boolean;
  margin: number;
  width: number;
  /** The first row's top and the rows' total height. */
  top: number;
  gridH: number;
  headerH: number;
  leftW: number;
  rightW: number;
  font: number;
  /** Producer headers per column of headers (2 when stacked) and how many such columns. */
  stackRows: number;
  stackCols: number;
  /** The vertical distance between two stacked producer headers. */
  stackPitch: number;
  /** A phone's band of client headers: its top and how many headers share a line. */
  band: { y: number; width: number; perLine: number };
}

export function placeClients(input: LayoutInput, f: ClientFrame): ClientPlaces {
  const laneTop = f.top - f.headerH;
  const groupX = f.width - f.margin - f.rightW;
  const bandHeader = (i: number): Rect => {
    const w = (f.band.width - 2 * f.margin) / f.band.perLine;
    const x = f.margin + (i % f.band.perLine) * w;
    return { x: x + 2, y: f.band.y + Math.floor(i / f.band.perLine) * f.headerH, width: w - 4, height: f.headerH - 4 };
  };

  const producers = input.producers.map((id, i, all) => {
    const laneW = f.leftW / all.length;
    const lane = { x: f.margin + i * laneW + 2, y: f.top, width: laneW - 4, height: f.gridH };
    if (f.compact) return { id, header: bandHeader(i), lane };
    const w = f.leftW / f.stackCols;
    const col = Math.floor(i / f.stackRows);
    const row = i % f.stackRows;
    const header = { x: f.margin + col * w + 2, y: f.top - (f.stackRows - row) * f.stackPitch, width: w - 4, height: f.stackPitch - 4 };
    return { id, header, lane };
  });

  // Groups stack down the right panel, each with the panel's full width (side by side, their
  // headers were too narrow to read): the first group's header sits beside the broker headers,
  // each later one at the top of its own slice of the grid's height. On a phone the headers are
  // in the band and the lanes share the rows' height.
  const sliceH = f.gridH / Math.max(1, input.groups.length);
  const groups = input.groups.map((g, i) => {
    const sliceY = f.top + i * sliceH;
    if (f.compact) {
      return { id: g.id, header: bandHeader(input.producers.length + i), lane: { x: groupX + 2, y: sliceY, width: f.rightW - 4, height: sliceH } };
    }
    const headerY = i === 0 ? laneTop : sliceY;
    const laneY = i === 0 ? f.top : sliceY + f.headerH;
    const laneH = Math.max(0, sliceY + sliceH - laneY);
    return { id: g.id, header: { x: groupX + 2, y: headerY, width: f.rightW - 4, height: f.headerH - 4 }, lane: { x: groupX + 2, y: laneY, width: f.rightW - 4, height: laneH } };
  });

  const members: MemberLayout[] = [];
  input.groups.forEach((g, gi) => {
    const lane = groups[gi]!.lane;
    const n = Math.max(1, g.members.length);
    // Members share the lane; a box never outgrows its slot (so boxes never overlap).
    const slot = Math.min(lane.height / n, f.font * 5);
    const boxH = Math.max(6, Math.min(slot - 6, f.font * 3.6));
    const usedH = slot * n;
    // A phone's lane is narrow: the box takes all of it (the owner lines start at its edge).
    const inset = f.compact ? 0 : lane.width * 0.3;
    g.members.forEach((m, mi) => {
      const cy = lane.y + (lane.height - usedH) / 2 + slot * (mi + 0.5);
      members.push({ key: `${g.id}/${m}`, group: g.id, member: m, box: { x: lane.x + inset, y: cy - boxH / 2, width: lane.width - inset, height: boxH } });
    });
  });
  return { producers, groups, members };
}
