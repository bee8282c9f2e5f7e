/**
 * The event queue is the simulator's clock: every event runs in (virtual time, insertion order),
 * which is what makes a run reproducible byte for byte (DESIGN.md rule 4).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { EventQueue, SimulationStalled } from './eventQueue';
import { defineTask } from './tasks';

interface Probe {
  ran: number[];
  spawn: (delay: number) => void;
}
const PROBE = defineTask('test.probe', (probe: Probe, p: { spawn: number; label: number }) => {
  probe.ran.push(p.label);
  if (p.spawn >= 0) probe.spawn(p.spawn);
});
const ECHO = defineTask('test.echo', (seen: string[], p: { at: () => number; text: string }) => void seen.push(`${p.at()}:${p.text}`));
const RETRY = defineTask('test.retry', (q: EventQueue, n: number) => void q.at(q.now, RETRY, q, n + 1));

/** Runs every queued task (each records itself); afterwards nothing is left to run. */
function drain(q: EventQueue): void {
  while (q.step()) {
    /* keep stepping */
  }
  expect(q.peekTime()).toBe(Infinity);
}

describe('EventQueue', () => {
  it('starts at time 0 with nothing to run', () => {
    const q = new EventQueue();
    expect(q.now).toBe(0);
    expect(q.peekTime()).toBe(Infinity);
    expect(q.step()).toBe(false);
    expect(q.now).toBe(0);
  });

  it('runs tasks in time order and advances the clock to each task', () => {
    const q = new EventQueue();
    const ran: string[] = [];
    q.schedule(30, () => ran.push(`c@${q.now}`));
    q.schedule(10, () => ran.push(`a@${q.now}`));
    q.schedule(20, () => ran.push(`b@${q.now}`));
    drain(q);
    expect(ran).toEqual(['a@10', 'b@20', 'c@30']);
    expect(q.now).toBe(30);
  });

  it('breaks ties at the same millisecond by insertion order', () => {
    const q = new EventQueue();
    const ran: number[] = [];
    for (let i = 0; i < 20; i++) q.scheduleAt(5, () => ran.push(i));
    drain(q);
    expect(ran).toEqual([...Array(20).keys()]);
  });

  it('runs a task scheduled at the current time by a running task after the ones already queued for that time', () => {
    const q = new EventQueue();
    const ran: string[] = [];
    q.scheduleAt(5, () => {
      ran.push('first');
      q.schedule(0, () => ran.push('spawned'));
    });
    q.scheduleAt(5, () => ran.push('second'));
    drain(q);
    expect(ran).toEqual(['first', 'second', 'spawned']);
    expect(q.now).toBe(5);
  });

  it('skips cancelled tasks', () => {
    const q = new EventQueue();
    const ran: string[] = [];
    q.schedule(1, () => ran.push('a'));
    const b = q.schedule(2, () => ran.push('b'));
    q.schedule(3, () => ran.push('c'));
    b.cancelled = true;
    drain(q);
    expect(ran).toEqual(['a', 'c']);
  });

  it('peekTime ignores a cancelled head', () => {
    const q = new EventQueue();
    const first = q.schedule(1, () => undefined);
    q.schedule(7, () => undefined);
    first.cancelled = true;
    expect(q.peekTime()).toBe(7);
  });

  it('never schedules in the past: negative delays and past times run now', () => {
    const q = new EventQueue();
    const ran: string[] = [];
    q.runUntil(100);
    const t1 = q.schedule(-50, () => ran.push(`delay@${q.now}`));
    const t2 = q.scheduleAt(10, () => ran.push(`past@${q.now}`));
    expect(t1.time).toBe(100);
    expect(t2.time).toBe(100);
    drain(q);
    expect(ran).toEqual(['delay@100', 'past@100']);
    expect(q.now).toBe(100);
  });

  it('runUntil runs every task due by then, leaves later ones, and ends at the requested time', () => {
    const q = new EventQueue();
    const ran: number[] = [];
    for (const t of [5, 10, 15]) q.scheduleAt(t, () => ran.push(t));
    q.runUntil(10);
    expect(ran).toEqual([5, 10]);
    expect(q.now).toBe(10);
    expect(q.peekTime()).toBe(15);
  });

  it('runUntil advances the clock even when no task is queued', () => {
    const q = new EventQueue();
    q.runUntil(1234);
    expect(q.now).toBe(1234);
  });

  it('runUntil runs tasks that running tasks schedule inside the window', () => {
    const q = new EventQueue();
    const ran: number[] = [];
    const tick = (): void => {
      ran.push(q.now);
      q.schedule(10, tick);
    };
    q.schedule(10, tick);
    q.runUntil(45);
    expect(ran).toEqual([10, 20, 30, 40]);
    expect(q.now).toBe(45);
  });

  it('runUntil never moves the clock backwards', () => {
    const q = new EventQueue();
    q.runUntil(50);
    q.runUntil(20);
    expect(q.now).toBe(50);
  });

  it('property: tasks run in non-decreasing (time, seq) order, cancelled ones never', () => {
    const op = fc.oneof(
      fc.record({ kind: fc.constant('schedule' as const), delay: fc.integer({ min: -5, max: 50 }) }),
      fc.record({ kind: fc.constant('cancel' as const), index: fc.nat() }),
      fc.record({ kind: fc.constant('step' as const) }),
    );
    fc.assert(
      fc.property(fc.array(op, { maxLength: 80 }), (ops) => {
        const q = new EventQueue();
        const ran: { time: number; seq: number; now: number }[] = [];
        const tasks: ReturnType<EventQueue['schedule']>[] = [];
        for (const o of ops) {
          if (o.kind === 'schedule') {
            const task = q.schedule(o.delay, () => ran.push({ time: task.time, seq: task.seq, now: q.now }));
            tasks.push(task);
          } else if (o.kind === 'cancel' && tasks.length > 0) {
            tasks[o.index % tasks.length]!.cancelled = true;
          } else if (o.kind === 'step') {
            q.step();
          }
        }
        while (q.step());
        for (let i = 1; i < ran.length; i++) {
          const a = ran[i - 1]!;
          const b = ran[i]!;
          expect(a.time < b.time || (a.time === b.time && a.seq < b.seq)).toBe(true);
        }
        for (const r of ran) expect(r.now).toBe(r.time);
        const ranSeqs = new Set(ran.map((r) => r.seq));
        for (const t of tasks) {
          // A task cancelled before it ran never runs; every other task runs exactly once.
          if (!ranSeqs.has(t.seq)) expect(t.cancelled).toBe(true);
        }
        expect(ranSeqs.size).toBe(ran.length);
      }),
    );
  });

  it('property: data tasks and closures, also scheduled by running tasks, run in exactly (time, seq) order', () => {
    // Near whole milliseconds, timers more than a minute ahead, and fractional times.
    const delay = fc.oneof(fc.integer({ min: 0, max: 3000 }), fc.integer({ min: 60_000, max: 200_000 }), fc.double({ min: 0, max: 100, noNaN: true }));
    fc.assert(
      fc.property(
        fc.array(fc.record({ delay, data: fc.boolean(), spawn: fc.oneof(fc.constant(-1), delay) }), { maxLength: 60 }),
        fc.oneof(fc.integer({ min: 0, max: 4000 }), fc.integer({ min: 60_000, max: 300_000 })),
        (specs, until) => {
          const q = new EventQueue();
          const ran: number[] = [];
          const scheduled: { time: number; seq: number; label: number }[] = [];
          // Each task pushes its label when it runs; labels are given in scheduling order.
          const closure = (d: number): void => {
            const label = scheduled.length;
            const task = q.schedule(d, () => ran.push(label));
            scheduled.push({ time: task.time, seq: task.seq, label });
          };
          const probe: Probe = { ran, spawn: closure };
          for (const spec of specs) {
            if (!spec.data) {
              closure(spec.delay);
              continue;
            }
            const label = scheduled.length;
            const task = q.at(q.now + spec.delay, PROBE, probe, { spawn: spec.spawn, label });
            scheduled.push({ time: task.time, seq: task.seq, label });
          }
          q.runUntil(until);
          while (q.step());
          // Every task ran once, in (time, seq) order: the sorted schedule.
          const expected = [...scheduled].sort((a, b) => a.time - b.time || a.seq - b.seq).map((t) => t.label);
          expect(ran).toEqual(expected);
          expect(q.size).toBe(0);
        },
      ),
    );
  });

  it('a data task runs its kind with its target and argument; a kind name defined twice is refused', () => {
    const q = new EventQueue();
    const seen: string[] = [];
    const at = (): number => q.now;
    q.at(5, ECHO, seen, { at, text: 'a' });
    const cancelled = q.at(6, ECHO, seen, { at, text: 'b' });
    q.after(7, ECHO, seen, { at, text: 'c' });
    cancelled.cancelled = true;
    q.runUntil(10);
    expect(seen).toEqual(['5:a', '7:c']);
    expect(() => defineTask('test.echo', () => {})).toThrow('defined twice');
  });
});

describe('EventQueue: the clock must move', () => {
  it('a task that reschedules itself at the same instant forever stops the run with SimulationStalled, naming its kind', () => {
    const q = new EventQueue({ maxTasksPerInstant: 50_000 });
    q.schedule(3, () => {}); // ordinary work before the spin
    q.at(7, RETRY, q, 0);
    let error: unknown;
    try {
      q.runUntil(100);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(SimulationStalled);
    const stalled = error as SimulationStalled;
    expect(stalled.time).toBe(7);
    expect(stalled.busiest).toBe('test.retry');
    expect(stalled.message).toMatch(/50001 tasks ran at virtual time 7 ms without the clock moving \(busiest: "test.retry"/);
    expect(q.now).toBe(7);
  });

  it('a zero-timeout request retried at once (the timeout fires before the 1 ms answer) is caught, the callback named', () => {
    const q = new EventQueue({ maxTasksPerInstant: 20_000 });
    let answered = false;
    const send = (): void => {
      q.schedule(1, () => (answered = true)); // the answer, one link latency away
      q.schedule(0, function requestTimedOut() {
        if (!answered) send(); // request.timeout.ms = 0, retry.backoff.ms = 0
      });
    };
    send();
    expect(() => q.runUntil(1000)).toThrow(/^20001 tasks ran at virtual time 0 ms .*busiest: "requestTimedOut"/);
  });

  it('many tasks spread over time never trip the guard: it counts tasks per instant, not per run', () => {
    const q = new EventQueue({ maxTasksPerInstant: 1000 });
    let ran = 0;
    for (let t = 0; t < 100; t++) for (let i = 0; i < 1000; i++) q.scheduleAt(t, () => ran++);
    q.runUntil(200);
    expect(ran).toBe(100_000);
  });
});

