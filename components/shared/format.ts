/**
 * Locale-aware formatting of times, days and sizes, all through `Intl`, so
 * a new locale needs no new code and no strings for these.
 *
 * Every function accepts what the wire carries (an ISO string) as well as a
 * `Date` or epoch milliseconds, and answers `''` for something unparseable:
 * bad data from the server must never break a render.
 */

export type DateInput = Date | string | number;

const DAY_MS = 86_400_000;

function toDate(input: DateInput): Date | undefined {
  const date = input instanceof Date ? input : new Date(input);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** `Intl` throws on malformed tags; a bad `locale` attribute must not. */
function safeLocale(locale: string | undefined): string | undefined {
  if (!locale) return undefined;
  try {
    return Intl.getCanonicalLocales(locale)[0];
  } catch {
    return undefined;
  }
}

/*
 * Building an Intl formatter costs far more than using one, and an inbox
 * formats a time per row on every render, so formatters are cached per
 * locale and options.
 */
const formatters = new Map<
  string,
  Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat
>();

function cached<T extends Intl.DateTimeFormat | Intl.RelativeTimeFormat | Intl.NumberFormat>(
  kind: string,
  locale: string | undefined,
  options: object,
  make: () => T,
): T {
  const key = `${kind}|${locale ?? ''}|${JSON.stringify(options)}`;
  let formatter = formatters.get(key) as T | undefined;
  if (!formatter) {
    formatter = make();
    formatters.set(key, formatter);
  }
  return formatter;
}

function dateFormat(
  locale: string | undefined,
  options: Intl.DateTimeFormatOptions,
): Intl.DateTimeFormat {
  return cached('date', locale, options, () => new Intl.DateTimeFormat(locale, options));
}

function relativeFormat(locale: string | undefined): Intl.RelativeTimeFormat {
  return cached(
    'relative',
    locale,
    {},
    () => new Intl.RelativeTimeFormat(locale, { numeric: 'auto' }),
  );
}

function numberFormat(
  locale: string | undefined,
  options: Intl.NumberFormatOptions,
): Intl.NumberFormat {
  return cached('number', locale, options, () => new Intl.NumberFormat(locale, options));
}

function startOfDay(date: Date): number {
  return new Date(date.getFullYear(), date.getMonth(), date.getDate()).getTime();
}

/** Whole calendar days from `date` to `now` (0 today, 1 yesterday). */
function calendarDaysAgo(date: Date, now: Date): number {
  return Math.round((startOfDay(now) - startOfDay(date)) / DAY_MS);
}

function capitalize(text: string, locale: string | undefined): string {
  return text.charAt(0).toLocaleUpperCase(locale) + text.slice(1);
}

/** "3:45 PM" / "15:45". */
export function formatTime(input: DateInput, locale?: string): string {
  const date = toDate(input);
  if (!date) return '';
  return dateFormat(safeLocale(locale), { hour: 'numeric', minute: '2-digit' }).format(date);
}

/** "Sunday, November 22, 2026, 3:45 PM": for `title` attributes. */
export function formatDateTime(input: DateInput, locale?: string): string {
  const date = toDate(input);
  if (!date) return '';
  return dateFormat(safeLocale(locale), { dateStyle: 'full', timeStyle: 'short' }).format(date);
}

/**
 * The compact time of an inbox row, as chat apps show it: "now" within a
 * minute, "5 min" within the hour, the clock time today, "Yesterday", the
 * weekday within a week, "Mar 4" this year, and a short date before.
 */
export function formatRowTime(
  input: DateInput,
  now: DateInput = Date.now(),
  locale?: string,
): string {
  const date = toDate(input);
  const current = toDate(now);
  if (!date || !current) return '';
  const loc = safeLocale(locale);
  const elapsed = current.getTime() - date.getTime();
  const days = calendarDaysAgo(date, current);
  if (elapsed < 60_000 && elapsed > -60_000) {
    return relativeFormat(loc).format(0, 'second');
  }
  if (elapsed > 0 && elapsed < 3_600_000) {
    return numberFormat(loc, { style: 'unit', unit: 'minute', unitDisplay: 'short' }).format(
      Math.floor(elapsed / 60_000),
    );
  }
  if (days === 0) return formatTime(date, loc);
  if (days === 1) {
    return capitalize(relativeFormat(loc).format(-1, 'day'), loc);
  }
  if (days > 1 && days < 7) return dateFormat(loc, { weekday: 'short' }).format(date);
  if (date.getFullYear() === current.getFullYear()) {
    return dateFormat(loc, { month: 'short', day: 'numeric' }).format(date);
  }
  return dateFormat(loc, { dateStyle: 'short' }).format(date);
}

/** "5 minutes ago", "in 2 hours", "yesterday": long relative form. */
export function formatRelativeTime(
  input: DateInput,
  now: DateInput = Date.now(),
  locale?: string,
): string {
  const date = toDate(input);
  const current = toDate(now);
  if (!date || !current) return '';
  const rtf = relativeFormat(safeLocale(locale));
  const seconds = Math.round((date.getTime() - current.getTime()) / 1000);
  const abs = Math.abs(seconds);
  if (abs < 45) return rtf.format(0, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  if (abs < 7 * 86_400) return rtf.format(-calendarDaysAgo(date, current), 'day');
  if (abs < 30 * 86_400) return rtf.format(Math.round(seconds / (7 * 86_400)), 'week');
  if (abs < 365 * 86_400) return rtf.format(Math.round(seconds / (30 * 86_400)), 'month');
  return rtf.format(Math.round(seconds / (365 * 86_400)), 'year');
}

/**
 * The label of a day separator: "Today", "Yesterday", "Monday, March 4",
 * with the year when it is not the current one.
 */
export function formatDayLabel(
  input: DateInput,
  now: DateInput = Date.now(),
  locale?: string,
): string {
  const date = toDate(input);
  const current = toDate(now);
  if (!date || !current) return '';
  const loc = safeLocale(locale);
  const days = calendarDaysAgo(date, current);
  if (days === 0 || days === 1) {
    return capitalize(relativeFormat(loc).format(-days, 'day'), loc);
  }
  const sameYear = date.getFullYear() === current.getFullYear();
  return dateFormat(loc, {
    weekday: 'long',
    month: 'long',
    day: 'numeric',
    ...(sameYear ? {} : { year: 'numeric' }),
  }).format(date);
}

/** True when both instants fall on the same local calendar day. */
export function isSameDay(a: DateInput, b: DateInput): boolean {
  const da = toDate(a);
  const db = toDate(b);
  return !!da && !!db && startOfDay(da) === startOfDay(db);
}

const SIZE_UNITS = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;

/** "512 byte", "1.4 MB": binary steps (1024), one decimal above bytes. */
export function formatFileSize(bytes: number, locale?: string): string {
  if (!Number.isFinite(bytes) || bytes < 0) return '';
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < SIZE_UNITS.length - 1) {
    value /= 1024;
    unit += 1;
  }
  return numberFormat(safeLocale(locale), {
    style: 'unit',
    unit: SIZE_UNITS[unit],
    unitDisplay: unit === 0 ? 'long' : 'short',
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}
