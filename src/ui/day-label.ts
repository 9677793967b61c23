/** Local calendar day of a time, as a comparable key ("2026-1-31"). */
export function dayKey(ms: number): string {
  const d = new Date(ms);
  return `${d.getFullYear()}-${d.getMonth() + 1}-${d.getDate()}`;
}

// Building a formatter is the expensive part of toLocale*String; rows render every frame in a
// burst, so keep one formatter per locale and option set.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = formatters.get(key);
  if (!format) {
    try {
      format = new Intl.DateTimeFormat(locale, options);
    } catch {
      // An invalid `locale` attribute must not break rendering.
      format = new Intl.DateTimeFormat(undefined, options);
    }
    formatters.set(key, format);
  }
  return format;
}

/** "Today", "Yesterday" or a date for a day separator. */
export function dayLabel(ms: number, now: number, locale: string, words: { today: string; yesterday: string }): string {
  const day = dayKey(ms);
  if (day === dayKey(now)) return words.today;
  if (day === dayKey(now - 86_400_000)) return words.yesterday;
  const sameYear = new Date(ms).getFullYear() === new Date(now).getFullYear();
  return formatter(locale, sameYear ? { weekday: 'long', month: 'long', day: 'numeric' } : { weekday: 'long', month: 'long', day: 'numeric', year: 'numeric' }).format(ms);
}

/** Time of day for a message ("14:05"). */
export function timeLabel(ms: number, locale: string): string {
  return formatter(locale, { hour: '2-digit', minute: '2-digit' }).format(ms);
}

/** A date without the time ("Jan 31, 2026"). */
export function dateLabel(ms: number, locale: string): string {
  return formatter(locale, { dateStyle: 'medium' }).format(ms);
}
