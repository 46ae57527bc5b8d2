// The two date forms a SigV4 request may carry: X-Amz-Date's ISO 8601 basic format
// (20150830T123600Z) and the HTTP Date header's IMF-fixdate (Sun, 30 Aug 2015 12:36:00 GMT).

const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

/** Parses `yyyymmddThhmmssZ`; `undefined` unless it is exactly that and a real instant. */
export function parseAmzDate(text: string): Date | undefined {
  const m = AMZ_DATE.exec(text);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s] = m.map(Number);
  const date = new Date(Date.UTC(y ?? 0, (mo ?? 0) - 1, d, h, mi, s));
  return formatAmzDate(date) === text ? date : undefined;
}

/** Formats an instant as `yyyymmddThhmmssZ` (milliseconds dropped). */
export function formatAmzDate(date: Date): string {
  return date
    .toISOString()
    .replace(/\.\d{3}Z$/, "Z")
    .replace(/[-:]/g, "");
}

/** Parses an HTTP IMF-fixdate (`Sun, 30 Aug 2015 12:36:00 GMT`); `undefined` for anything else. */
export function parseHttpDate(text: string): Date | undefined {
  if (!/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const date = new Date(text);
  return !Number.isNaN(date.getTime()) && date.toUTCString() === text ? date : undefined;
}
