// Records retention deleted before a group polled them: consumer/accounting.ts queues them per
// partition in offset order until the group moves past them and they are skipped.

/**
 * The offset after the last queued record that is still unread. Those no longer unread were
 * processed or judged since (a `latest` reset can judge a partition's whole deleted stretch), so
 * their offsets are below the group's polled or judged mark anyway.
 */
export function lastNotedEnd(queue: readonly number[], unread: ReadonlyMap<number, { offset: number }>): number {
  for (let i = queue.length - 1; i >= 0; i--) {
    const d = unread.get(queue[i]!);
    if (d !== undefined) return d.offset + 1;
  }
  return 0;
}
