/**
 * Float arrays handed back after use and reused by the next call of the same size. A training
 * step saves several megabytes per layer for its backward pass; fresh arrays each step cost page
 * faults and zero-filling that small layers notice. Arrays never handed back (a forward pass
 * without a backward one, as in prediction) are simply collected as garbage.
 */
export class FloatBufferPool {
  private readonly free = new Map<number, Float32Array[]>();

  /** @param keepPerLength how many arrays of one length to keep for reuse at most */
  constructor(private readonly keepPerLength = 8) {}

  /** An array of `length` floats with unspecified contents. */
  take(length: number): Float32Array {
    return this.free.get(length)?.pop() ?? new Float32Array(length);
  }

  /** Hands `buffer` back; the caller must not use it afterwards. */
  give(buffer: Float32Array): void {
    const list = this.free.get(buffer.length) ?? [];
    if (list.length < this.keepPerLength) list.push(buffer);
    this.free.set(buffer.length, list);
  }
}
