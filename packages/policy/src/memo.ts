/**
 * A small bounded memo for pure parse functions over request values (dates, IP addresses): the same
 * few values (`aws:CurrentTime`, `aws:SourceIp`) are parsed by several statements and requests.
 * When full, it is cleared; results are deterministic, so this never changes an answer.
 */
export function memoize<T>(parse: (text: string) => T, capacity = 512): (text: string) => T {
  const cache = new Map<string, T>();
  return (text: string): T => {
    const hit = cache.get(text);
    if (hit !== undefined || cache.has(text)) return hit as T;
    const value = parse(text);
    if (cache.size >= capacity) cache.clear();
    cache.set(text, value);
    return value;
  };
}
