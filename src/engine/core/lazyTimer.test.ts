import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { EventQueue, type ScheduledTask } from './eventQueue';
import { LazyTimer } from './lazyTimer';
import { defineTask } from './tasks';

/** What a run did: each task that ran, with its time, in order. */
type Log = string[];

const NOTE = defineTask('test.lazyTimer.note', (log: Log, what: string) => log.push(what));

/** One step of a random script: at `at`, arm timer `timer` (delay), disarm it, or queue a plain task. */
type Op = { at: number; do: 'arm'; timer: number; delay: number } | { at: number; do: 'disarm'; timer: number } | { at: number; do: 'task'; delay: number };

interface Run {
  readonly queue: EventQueue;
  readonly log: Log;
  readonly lazy: boolean;
  readonly naive: (ScheduledTask | null)[];
  readonly timers: LazyTimer[];
  n: number;
}

const DO = defineTask<Run, { op: Op }>('test.lazyTimer.do', (r, { op }) => {
  const label = `${op.do}#${r.n++}`;
  if (op.do === 'task') return void r.queue.after(op.delay, NOTE, r.log, `${label}@${r.queue.now + op.delay}`);
  const what = `timer${op.timer}/${label}`;
  if (r.lazy) {
    if (op.do === 'arm') r.timers[op.timer]!.arm(op.delay, what);
    else r.timers[op.timer]!.disarm();
    return;
  }
  const old = r.naive[op.timer];
  if (old) old.cancelled = true;
  r.naive[op.timer] = op.do === 'arm' ? r.queue.after(op.delay, NOTE, r.log, what) : null;
});

/** Timers as the engine had them (a task per arm, cancelled when replaced or disarmed) or as LazyTimers. */
function run(ops: readonly Op[], lazy: boolean): Log {
  const queue = new EventQueue();
  const log: Log = [];
  const r: Run = { queue, log, lazy, naive: [null, null, null], timers: [0, 1, 2].map(() => LazyTimer.of(queue, NOTE, log)), n: 0 };
  for (const op of ops) queue.at(op.at, DO, r, { op });
  queue.runUntil(400_000);
  return log;
}

// Near deadlines, ones around the edge of the queue's ring (65,536 ms: a far bucket and a ring bucket
// at one time), fractional and long ones.
const delays = fc.oneof(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 65_500, max: 65_560 }), fc.constantFrom(0.5, 300_000, 30_000));
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ at: fc.integer({ min: 0, max: 40 }), do: fc.constant('arm' as const), timer: fc.integer({ min: 0, max: 2 }), delay: delays }),
  fc.record({ at: fc.integer({ min: 0, max: 40 }), do: fc.constant('disarm' as const), timer: fc.integer({ min: 0, max: 2 }) }),
  fc.record({ at: fc.integer({ min: 0, max: 40 }), do: fc.constant('task' as const), delay: delays }),
);

describe('LazyTimer', () => {
  it('runs exactly what a task per arm would, in the same order inside a millisecond', () => {
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const sorted = [...ops].sort((a, b) => a.at - b.at);
        expect(run(sorted, true)).toEqual(run(sorted, false));
      }),
      { seed: 8, numRuns: 1500 },
    );
  });

  it('keeps its place when its time has a far bucket and a ring bucket (queued before and after the time came within the ring)', () => {
    // Armed at 10 for 65,550 (a far bucket then), its task still waiting at 30 from an arm at 0; a task
    // queued at 12 joins the far bucket after it, one queued at 20 (after another time's task) the
    // ring bucket. At 30 the timer queues itself at 65,550 first, in the far bucket.
    const ops: Op[] = [
      { at: 0, do: 'arm', timer: 0, delay: 30 },
      { at: 10, do: 'arm', timer: 0, delay: 65_540 },
      { at: 12, do: 'task', delay: 65_538 },
      { at: 15, do: 'task', delay: 1 },
      { at: 20, do: 'task', delay: 65_530 },
      { at: 25, do: 'arm', timer: 1, delay: 65_525 },
    ];
    const naive = run(ops, false);
    expect(naive).toEqual(['task#3@16', 'timer0/arm#1', 'task#2@65550', 'task#4@65550', 'timer1/arm#5']);
    expect(run(ops, true)).toEqual(naive);
  });

  it('fires once at its last deadline when re-armed later before it is due', () => {
    const queue = new EventQueue();
    const log: Log = [];
    const timer = LazyTimer.of(queue, NOTE, log);
    timer.arm(10, 'first');
    queue.runUntil(5);
    timer.arm(10, 'second');
    queue.after(10, NOTE, log, 'plain, queued after the arm');
    queue.runUntil(100);
    expect(log).toEqual(['second', 'plain, queued after the arm']);
    expect(timer.armed).toBe(false);
  });

  it('a disarmed timer runs nothing', () => {
    const queue = new EventQueue();
    const log: Log = [];
    const timer = LazyTimer.of(queue, NOTE, log);
    timer.arm(10, 'never');
    timer.disarm();
    queue.runUntil(100);
    expect(log).toEqual([]);
  });
});
