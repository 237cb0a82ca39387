/**
 * `compute`, remembered per key up to `limit` keys; past that the memory starts afresh. A stream of
 * news keeps meeting new names and days: clearing bounds memory in one cheap step, and the answers
 * still in use come back at once. `compute` must be pure and never return undefined.
 * @example const isoOf = boundedMemo(50_000, (day: number) => formatIso(day));
 */
export function boundedMemo<K, V>(limit: number, compute: (key: K) => V): (key: K) => V {
  const memo = new Map<K, V>();
  return (key) => {
    let value = memo.get(key);
    if (value === undefined) {
      value = compute(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, value);
    }
    return value;
  };
}
