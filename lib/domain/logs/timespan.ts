// Kusto timespan literals (`14d`, `1h`, `30m`, `10s`, `100ms`, `time(1.02:03:04)`) in milliseconds.
const UNIT_MS: Record<string, number> = {
  d: 86_400_000,
  day: 86_400_000,
  days: 86_400_000,
  h: 3_600_000,
  hr: 3_600_000,
  hrs: 3_600_000,
  hour: 3_600_000,
  hours: 3_600_000,
  m: 60_000,
  min: 60_000,
  minute: 60_000,
  minutes: 60_000,
  s: 1000,
  sec: 1000,
  second: 1000,
  seconds: 1000,
  ms: 1,
  milli: 1,
  millis: 1,
  millisecond: 1,
  milliseconds: 1,
};

export function timespanMs(literal: string): number | null {
  const short = /^(\d+(?:\.\d+)?)\s*([a-z]+)$/i.exec(literal.trim());
  if (short) {
    const unit = UNIT_MS[short[2].toLowerCase()];
    return unit === undefined ? null : Number(short[1]) * unit;
  }
  const clock = /^(?:time|timespan)\(\s*(?:(\d+)\.)?(\d+):(\d+)(?::(\d+(?:\.\d+)?))?\s*\)$/i.exec(literal.trim());
  if (clock) {
    const [, d, h, m, s] = clock;
    return ((Number(d ?? 0) * 24 + Number(h)) * 60 + Number(m)) * 60_000 + Number(s ?? 0) * 1000;
  }
  const named = /^(?:time|timespan)\(\s*(\d+(?:\.\d+)?)\s*([a-z]+)\s*\)$/i.exec(literal.trim());
  if (named) {
    const unit = UNIT_MS[named[2].toLowerCase()];
    return unit === undefined ? null : Number(named[1]) * unit;
  }
  return null;
}

/** A datetime literal's value: `datetime(2024-05-01T10:00:00Z)`, read as UTC when no zone is given. */
export function datetimeValue(literal: string): Date | null {
  const m = /^datetime\(\s*(.+?)\s*\)$/i.exec(literal.trim());
  if (!m) return null;
  const body = m[1].replace(/^["']|["']$/g, "");
  const zoned = /(Z|[+-]\d\d:?\d\d)$/i.test(body) || !/\d:\d/.test(body) ? body : `${body}Z`;
  const d = new Date(/^\d{4}-\d\d-\d\d$/.test(zoned) ? `${zoned}T00:00:00Z` : zoned);
  return Number.isNaN(d.getTime()) ? null : d;
}
