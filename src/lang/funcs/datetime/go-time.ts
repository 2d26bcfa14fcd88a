// Go's time formatting (reference-layout strings like "2006-01-02 15:04:05")
// for a Unix time shown in the local time zone.

const LONG_DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const LONG_MONTHS = [
  'January', 'February', 'March', 'April', 'May', 'June',
  'July', 'August', 'September', 'October', 'November', 'December',
];

/** The broken-down local time, as Go's time.Time methods see it. */
export interface LocalTime {
  year: number;
  month: number; // 1..12
  day: number;
  yday: number; // 1..366
  hour: number;
  minute: number;
  second: number;
  nanos: number;
  weekday: number; // 0 = Sunday
  /** Seconds east of UTC. */
  offset: number;
  /** Zone abbreviation (`UTC`, `EST`), or '' when the zone has none. */
  zone: string;
}

// Intl names a zone only in locales that use it (en-US knows EST, en-GB CET,
// en-IN IST, en-AU AEDT), so ask a few before giving up.
const ZONE_LOCALES = ['en-US', 'en-GB', 'en-IN', 'en-AU'];

/** The local zone's abbreviation at `date`; '' when no locale names it. */
function zoneAbbrev(date: Date): string {
  for (const locale of ZONE_LOCALES) {
    const name = new Intl.DateTimeFormat(locale, { timeZoneName: 'short' })
      .formatToParts(date)
      .find((p) => p.type === 'timeZoneName')?.value;
    if (name && !/^GMT[+-]/.test(name)) return name;
  }
  return '';
}

export function localTime(unixSeconds: bigint, nanos = 0): LocalTime {
  const date = new Date(Number(unixSeconds) * 1000);
  const startOfYear = new Date(date.getFullYear(), 0, 1);
  const yday = Math.round((new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime() - startOfYear.getTime()) / 86_400_000) + 1;
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    yday,
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
    nanos,
    weekday: date.getDay(),
    offset: -date.getTimezoneOffset() * 60,
    zone: zoneAbbrev(date),
  };
}

export const weekdayName = (t: LocalTime): string => LONG_DAYS[t.weekday];

const pad = (n: number, width: number, fill = '0'): string => String(n).padStart(width, fill);

/** Numeric zone offset: `-0700`, `-07:00`, `-07`, with optional seconds; `Z` forms print "Z" for UTC. */
function offsetText(t: LocalTime, colon: boolean, withSeconds: boolean, hoursOnly: boolean, z: boolean): string {
  if (z && t.offset === 0) return 'Z';
  const sign = t.offset < 0 ? '-' : '+';
  const abs = Math.abs(t.offset);
  const hh = pad(Math.floor(abs / 3600), 2);
  const mm = pad(Math.floor(abs / 60) % 60, 2);
  const ss = pad(abs % 60, 2);
  const sep = colon ? ':' : '';
  if (hoursOnly) return sign + hh;
  return sign + hh + sep + mm + (withSeconds ? sep + ss : '');
}

const startsLower = (s: string): boolean => /^[a-z]/.test(s);

/** One layout element at the start of `s`: its text for `t` and its length, or undefined for a literal char. */
function chunk(s: string, t: LocalTime): [string, number] | undefined {
  const h12 = t.hour % 12 === 0 ? 12 : t.hour % 12;
  const tokens: [string, () => string, ((rest: string) => boolean)?][] = [
    ['January', () => LONG_MONTHS[t.month - 1]],
    ['Jan', () => LONG_MONTHS[t.month - 1].slice(0, 3), (r) => !startsLower(r)],
    ['Monday', () => LONG_DAYS[t.weekday]],
    ['Mon', () => LONG_DAYS[t.weekday].slice(0, 3), (r) => !startsLower(r)],
    // tzdata's name for an unnamed zone is its offset, `+09` or `+0530`.
    ['MST', () => t.zone || offsetText(t, false, false, t.offset % 3600 === 0, false)],
    ['2006', () => pad(t.year, 4)],
    ['002', () => pad(t.yday, 3)],
    ['01', () => pad(t.month, 2)],
    ['02', () => pad(t.day, 2)],
    ['03', () => pad(h12, 2)],
    ['04', () => pad(t.minute, 2)],
    ['05', () => pad(t.second, 2)],
    ['06', () => pad(t.year % 100, 2)],
    ['15', () => pad(t.hour, 2)],
    ['_2006', () => '_' + pad(t.year, 4)],
    ['__2', () => pad(t.yday, 3, ' ')],
    ['_2', () => pad(t.day, 2, ' ')],
    ['1', () => String(t.month)],
    ['2', () => String(t.day)],
    ['3', () => String(h12)],
    ['4', () => String(t.minute)],
    ['5', () => String(t.second)],
    ['PM', () => (t.hour >= 12 ? 'PM' : 'AM')],
    ['pm', () => (t.hour >= 12 ? 'pm' : 'am')],
    ['-07:00:00', () => offsetText(t, true, true, false, false)],
    ['-070000', () => offsetText(t, false, true, false, false)],
    ['-07:00', () => offsetText(t, true, false, false, false)],
    ['-0700', () => offsetText(t, false, false, false, false)],
    ['-07', () => offsetText(t, false, false, true, false)],
    ['Z07:00:00', () => offsetText(t, true, true, false, true)],
    ['Z070000', () => offsetText(t, false, true, false, true)],
    ['Z07:00', () => offsetText(t, true, false, false, true)],
    ['Z0700', () => offsetText(t, false, false, false, true)],
    ['Z07', () => offsetText(t, false, false, true, true)],
  ];
  for (const [tok, text, ok] of tokens) {
    if (s.startsWith(tok) && (!ok || ok(s.slice(tok.length)))) return [text(), tok.length];
  }
  // Fractional seconds: `.000` (fixed digits) or `.999` (trailing zeros dropped), not followed by a digit.
  const frac = /^[.,](0+|9+)(?![0-9])/.exec(s);
  if (frac) {
    const digits = frac[1].length;
    let f = pad(t.nanos, 9).slice(0, digits);
    if (frac[1][0] === '9') {
      f = f.replace(/0+$/, '');
      return [f ? s[0] + f : '', frac[0].length];
    }
    return [s[0] + f, frac[0].length];
  }
  return undefined;
}

/** Go's Time.Format(layout). */
export function goFormat(t: LocalTime, layout: string): string {
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const c = chunk(layout.slice(i), t);
    if (c) {
      out += c[0];
      i += c[1];
    } else {
      out += layout[i++];
    }
  }
  return out;
}

/** Go's Time.String(): `2009-11-10 23:00:00 +0000 UTC`. */
export function goTimeString(t: LocalTime): string {
  return goFormat(t, '2006-01-02 15:04:05.999999999 -0700 MST');
}
