import { describe, expect, it } from 'vitest';
import { addToBucket, newBucket, removeFromBucket, type BucketEntry } from './bucket';
import { FarBuckets } from './farBuckets';

const entry = (): BucketEntry => ({ bucket: null, slot: 0 });

describe('the far buckets', () => {
  it('give the earliest first, and an emptied bucket takes no new task once released', () => {
    const far = new FarBuckets<BucketEntry>();
    const late = newBucket<BucketEntry>(300_000.5, false);
    const early = newBucket<BucketEntry>(100_000.5, false);
    const task = entry();
    addToBucket(late, entry());
    addToBucket(early, task);
    far.add(late);
    far.add(early);
    expect(far.first()).toBe(early);
    expect(far.at(100_000.5)).toBe(early);
    removeFromBucket(early, task);
    far.release(early);
    expect(far.at(100_000.5)).toBeUndefined();
    far.dropEmpty();
    expect(far.first()).toBe(late);
  });

  it('drop every empty bucket, released or not, so none is found for a new task at its time', () => {
    const far = new FarBuckets<BucketEntry>();
    // A bucket whose last task is running: empty, never released, still the map's for its time.
    const running = newBucket<BucketEntry>(5.25, false);
    far.add(running);
    far.dropEmpty();
    expect(far.at(5.25)).toBeUndefined();
    expect(far.first()).toBeNull();
  });
});
