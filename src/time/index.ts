// The time adapter: the only place that imports Temporal (temporal-polyfill) and the one formatter
// for dates, times, durations and money. Swapping the polyfill for native Temporal touches only
// src/time/. Modules import only from here.
export {
  canonicalLocale,
  commonLocales,
  defaultFormatPrefs,
  type FormatPrefs,
  type Formatter,
  formatterFor,
  type HourCycle,
  hourCycles,
  isLocale,
  localeLabel,
} from './format.ts';
export {
  addDays,
  addInZone,
  type Disambiguation,
  daysBetween,
  instantsOfWall,
  instantToLocalDateTime,
  instantToWall,
  isLocalDate,
  type LocalDate,
  localDateAt,
  localDateTimeToInstant,
  parseInstant,
  startOfDay,
  toIsoUtc,
  wallToInstant,
  weekdayOf,
} from './wall.ts';
export {
  allTimeZones,
  canonicalTimeZone,
  isCanonicalTimeZone,
  isTimeZone,
  MAX_ZONE_LENGTH,
  ZONE_CACHE_MAX,
  zoneCached,
  zoneCacheSize,
} from './zones.ts';
