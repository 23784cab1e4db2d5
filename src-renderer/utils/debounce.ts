/** A trailing-edge debounce with an explicit cancel, so stores can stop pending work on dispose. */
export interface Debounced {
  (): void;
  cancel(): void;
}

/** Calls `fn` once, `waitMs` after the last call. */
export function debounce(fn: () => void, waitMs: number): Debounced {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const debounced = (() => {
    if (timer !== null) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = null;
      fn();
    }, waitMs);
  }) as Debounced;
  debounced.cancel = () => {
    if (timer !== null) clearTimeout(timer);
    timer = null;
  };
  return debounced;
}
