import { describe, expect, it } from 'vitest';
import { FloatBufferPool } from '../../../../src-main/engine/model/kernels/buffer-pool';

describe('FloatBufferPool', () => {
  it('hands back an array of the same length for reuse', () => {
    const pool = new FloatBufferPool();
    const first = pool.take(10);
    pool.give(first);
    expect(pool.take(10)).toBe(first);
    expect(pool.take(10)).not.toBe(first);
  });
  it('keeps arrays of different lengths apart', () => {
    const pool = new FloatBufferPool();
    const short = pool.take(3);
    pool.give(short);
    const long = pool.take(4);
    expect(long).not.toBe(short);
    expect(long.length).toBe(4);
  });
  it('keeps at most the given number per length', () => {
    const pool = new FloatBufferPool(1);
    const [a, b] = [pool.take(2), pool.take(2)];
    pool.give(a);
    pool.give(b);
    expect(pool.take(2)).toBe(a);
    expect(pool.take(2)).not.toBe(b);
  });
});
