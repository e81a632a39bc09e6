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
export { acceptedLocale, guessTimeZone, hourCycleOf, visitorPrefs } from './visitor.ts';
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
  labelInstant,
  type ZoneChoice,
  type ZoneGroup,
  zoneChoices,
  zoneLabel,
  zoneLongName,
  zoneOffsetName,
  zonePlace,
  zonesOfCountry,
} from './zone-names.ts';
export {
  allTimeZones,
  canonicalTimeZone,
  ianaName,
  isCanonicalTimeZone,
  isTimeZone,
  MAX_ZONE_LENGTH,
  renamedZones,
  ZONE_CACHE_MAX,
  zoneCached,
  zoneCacheSize,
} from './zones.ts';
