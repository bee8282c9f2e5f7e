// Numbers and times in the reader's locale: "12.345" in English, the same digits in Chinese,
// grouping by the locale's rules.
/** One formatter per language: building an Intl.NumberFormat costs far more than using one. */
const secondsFormats = new Map<string, Intl.NumberFormat>();

export function formatSeconds(ms: number, language: string): string {
  let format = secondsFormats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, { minimumFractionDigits: 3, maximumFractionDigits: 3 });
    secondsFormats.set(language, format);
  }
  // Whole milliseconds, rounded down: the clock never shows a time the cluster has not reached
  // (between frames it stands at fractions of a millisecond).
  return format.format(Math.floor(ms) / 1000);
}

const numberFormats = new Map<string, Intl.NumberFormat>();
const speedFormats = new Map<string, Intl.NumberFormat>();

/** The formatter of `language` kept in `formats`, built once (the ledger's counters ask nine times a render). */
function formatOf(formats: Map<string, Intl.NumberFormat>, language: string, options?: Intl.NumberFormatOptions): Intl.NumberFormat {
  let format = formats.get(language);
  if (!format) {
    format = new Intl.NumberFormat(language, options);
    formats.set(language, format);
  }
  return format;
}

export function formatNumber(n: number, language: string): string {
  return formatOf(numberFormats, language).format(n);
}

export function formatSpeed(speed: number, language: string): string {
  return formatOf(speedFormats, language, { maximumFractionDigits: 2 }).format(speed);
}

/**
 * A group's state as the page writes it: Kafka's own state names (Empty, Stable, …) stay as Kafka
 * writes them in every language; "Unavailable" (no coordinator) is the simulator's word, translated.
 */
export function groupStateWord(state: string, t: (key: string) => string): string {
  return state === 'Unavailable' ? t('groupStateWords.unavailable') : state;
}
