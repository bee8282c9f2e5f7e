/**
 * A time's tasks in the event queue (eventQueue.ts), and the min-heap of the far buckets. Split
 * from the queue: the queue decides which bucket runs next; this file holds how one bucket keeps
 * its tasks.
 *
 * A bucket's tasks sit in sequence order in one array; `next` is the first not yet run. A
 * cancelled task leaves a hole (null) in its slot instead of being spliced out: cancelling is
 * O(1), where finding the task and shifting the ones after it cost 3 % of the 10-minute run (most
 * request timeouts and parked-fetch waits are cancelled, in buckets of hundreds of tasks). The
 * queue skips holes as it runs, and `squeeze` closes them when a bucket is rewritten.
 */
/** What a bucket holds (a ScheduledTask; an interface here so that file can import this one). */
export interface BucketEntry {
  bucket: Bucket<BucketEntry> | null;
  slot: number;
}

/** @internal */
export interface Bucket<T extends BucketEntry = BucketEntry> {
  readonly time: number;
  /** In the ring (else in the far heap). */
  readonly inRing: boolean;
  /** In sequence order; null: a cancelled task's slot, or one already run. */
  readonly tasks: (T | null)[];
  /** Index of the next task to run (tasks before it ran or were cancelled). */
  next: number;
  /** Tasks still waiting in it. */
  live: number;
}

/**
 * An integral time as a small integer. A time computed in floating point (a Math.min over an
 * Infinity deadline, say) is a boxed double even when whole; the clock is read from the bucket's
 * time, and every timestamp copied from it was one too: V8 then stores such fields (a record's
 * `timestamp`, a batch's) as doubles, a HeapNumber per record, allocated and copied by every
 * collection.
 */
function wholeAsSmall(time: number): number {
  return time === (time | 0) ? time | 0 : time;
}

export function newBucket<T extends BucketEntry>(time: number, inRing: boolean): Bucket<T> {
  return { time: wholeAsSmall(time), inRing, tasks: [], next: 0, live: 0 };
}

/** Appends a task (its sequence is the highest so far at this time). */
export function addToBucket<T extends BucketEntry>(bucket: Bucket<T>, task: T): void {
  task.bucket = bucket as unknown as Bucket<BucketEntry>;
  task.slot = bucket.tasks.length;
  bucket.tasks.push(task);
  bucket.live++;
}

/**
 * Puts a task among the bucket's waiting ones in the place of its sequence (claimed earlier: a
 * LazyTimer re-queued at its deadline), never before `next`: the slots before it ran or are holes.
 */
export function insertBySeq<T extends BucketEntry & { readonly seq: number }>(bucket: Bucket<T>, task: T): void {
  const tasks = bucket.tasks;
  let i = tasks.length;
  while (i > bucket.next && (tasks[i - 1] === null || tasks[i - 1]!.seq > task.seq)) i--;
  tasks.splice(i, 0, task);
  for (let j = i; j < tasks.length; j++) if (tasks[j] !== null) tasks[j]!.slot = j;
  task.bucket = bucket as unknown as Bucket<BucketEntry>;
  bucket.live++;
}

/** The sequence of the bucket's last waiting task, -1 when none waits. */
export function lastSeq<T extends BucketEntry & { readonly seq: number }>(bucket: Bucket<T>): number {
  const tasks = bucket.tasks;
  for (let i = tasks.length - 1; i >= bucket.next; i--) if (tasks[i] !== null) return tasks[i]!.seq;
  return -1;
}

/** Empties a waiting task's slot (the task was cancelled). */
export function removeFromBucket<T extends BucketEntry>(bucket: Bucket<T>, task: T): void {
  bucket.tasks[task.slot] = null;
  bucket.live--;
}

/** The next waiting task's index, skipping holes; call only when `live > 0`. */
export function skipHoles<T extends BucketEntry>(bucket: Bucket<T>): number {
  const tasks = bucket.tasks;
  let next = bucket.next;
  while (tasks[next] === null) next++;
  bucket.next = next;
  return next;
}

/** Drops the spent and cancelled slots: the waiting tasks move to the front, in order. */
export function squeeze<T extends BucketEntry>(bucket: Bucket<T>): void {
  const tasks = bucket.tasks;
  let kept = 0;
  for (let i = bucket.next; i < tasks.length; i++) {
    const task = tasks[i];
    if (task === null || task === undefined) continue;
    task.slot = kept;
    tasks[kept++] = task;
  }
  tasks.length = kept;
  bucket.next = 0;
}

/** Adds a bucket to the min-heap by time of the far buckets. */
export function pushHeap<T extends BucketEntry>(heap: Bucket<T>[], bucket: Bucket<T>): void {
  const time = bucket.time;
  let i = heap.length;
  heap.push(bucket);
  while (i > 0) {
    const parent = (i - 1) >> 1;
    const p = heap[parent]!;
    if (p.time <= time) break;
    heap[i] = p;
    i = parent;
  }
  heap[i] = bucket;
}

/** Removes the earliest bucket from the min-heap by time. */
export function popHeap<T extends BucketEntry>(heap: Bucket<T>[]): void {
  const last = heap.pop()!;
  const n = heap.length;
  if (n === 0) return;
  let i = 0;
  for (;;) {
    const l = 2 * i + 1;
    if (l >= n) break;
    const r = l + 1;
    const child = r < n && heap[r]!.time < heap[l]!.time ? r : l;
    if (heap[child]!.time >= last.time) break;
    heap[i] = heap[child]!;
    i = child;
  }
  heap[i] = last;
}
