// The `timespan` of Log Analytics' query API: an ISO 8601 duration ("PT1H", "P7D") ending now, or an interval
// ("start/end", "start/duration", "duration/end").

const DURATION = /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/i;

/** Milliseconds of an ISO 8601 duration (weeks, days, hours, minutes, seconds); null when it is not one. */
export function isoDurationMs(text: string): number | null {
  const m = DURATION.exec(text.trim());
  if (!m || text.trim().toUpperCase() === "P" || /T$/i.test(text.trim())) return null;
  const [, w, d, h, min, s] = m.map((x) => (x === undefined ? 0 : Number(x)));
  return (((w * 7 + d) * 24 + h) * 60 + min) * 60_000 + s * 1000;
}

function instant(text: string): Date | null {
  if (!/^\d{4}-\d\d-\d\d/.test(text.trim())) return null;
  const d = new Date(text.trim());
  return Number.isNaN(d.getTime()) ? null : d;
}

/** The time range a timespan names, relative to now; null when the text is not a duration or interval. */
export function parseTimespan(text: string, now: Date): { from: Date; to: Date } | null {
  const parts = text.split("/");
  if (parts.length === 1) {
    const ms = isoDurationMs(parts[0]);
    return ms === null ? null : { from: new Date(now.getTime() - ms), to: now };
  }
  if (parts.length !== 2) return null;
  const [a, b] = parts;
  const [start, end] = [instant(a), instant(b)];
  let range: { from: Date; to: Date } | null = null;
  if (start && end) range = { from: start, to: end };
  else if (start && isoDurationMs(b) !== null) range = { from: start, to: new Date(start.getTime() + isoDurationMs(b)!) };
  else if (end && isoDurationMs(a) !== null) range = { from: new Date(end.getTime() - isoDurationMs(a)!), to: end };
  return range && range.from.getTime() <= range.to.getTime() ? range : null;
}
