/**
 * Colours and token letters. Okabe–Ito (colour-blind safe) for producers and members; vermillion
 * is kept for danger only. Every colour comes with a second cue elsewhere (a letter, a dash, a
 * glyph), so nothing is told by colour alone.
 */

/** Okabe–Ito without vermillion (danger) and black (text). */
export const SERIES = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#56B4E9', '#F0E442'] as const;
export const DANGER = '#D55E00';

export function seriesColour(index: number): string {
  return SERIES[((index % SERIES.length) + SERIES.length) % SERIES.length]!;
}

/** Text that stays readable on a series colour (yellow and sky blue take dark text). */
export function inkOn(colour: string): string {
  return colour === '#F0E442' || colour === '#56B4E9' || colour === '#E69F00' ? '#1b1b1b' : '#ffffff';
}

/** The request kind a message belongs to: 'FetchResponse' → 'Fetch'. */
export function baseKind(kind: string): string {
  return kind.endsWith('Response') ? kind.slice(0, -'Response'.length) : kind;
}

export function isResponse(kind: string): boolean {
  return kind.endsWith('Response');
}

const LETTERS: Record<string, string> = {
  Produce: 'P',
  Fetch: 'F',
  Heartbeat: 'H',
  BrokerHeartbeat: 'H',
  JoinGroup: 'J',
  SyncGroup: 'S',
  OffsetCommit: 'C',
  OffsetFetch: 'O',
  LeaveGroup: 'L',
  FindCoordinator: 'Fc',
  ListOffsets: 'Lo',
  OffsetForLeaderEpoch: 'Oe',
  Metadata: 'M',
  AlterPartition: 'A',
  InitProducerId: 'I',
  BrokerRegistration: 'R',
};

/** The pill's letters: the API's initial (P Produce, F Fetch, H Heartbeat, J Join, C Commit…). */
export function tokenLetter(kind: string): string {
  const base = baseKind(kind);
  return LETTERS[base] ?? base.slice(0, 1).toUpperCase();
}

/** A token is hidden when its kind or its request kind is in the set. */
export function isHidden(kind: string, hidden: ReadonlySet<string>): boolean {
  return hidden.has(kind) || hidden.has(baseKind(kind));
}
