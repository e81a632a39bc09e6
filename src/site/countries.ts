/**
 * Countries offered in the settings. Every country with shipped crisis lines is here, plus the
 * places small practices most often work from; names come from the runtime (Intl), not a table.
 */
const CODES = [
  'US',
  'CA',
  'GB',
  'IE',
  'AU',
  'NZ',
  'AR',
  'AT',
  'BE',
  'BR',
  'BG',
  'CL',
  'CN',
  'CO',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'EG',
  'FI',
  'FR',
  'DE',
  'GH',
  'GR',
  'HK',
  'HU',
  'IS',
  'IN',
  'ID',
  'IL',
  'IT',
  'JM',
  'JP',
  'KE',
  'LV',
  'LT',
  'LU',
  'MY',
  'MT',
  'MX',
  'NL',
  'NG',
  'NO',
  'PK',
  'PE',
  'PH',
  'PL',
  'PT',
  'PR',
  'RO',
  'SA',
  'RS',
  'SG',
  'SK',
  'SI',
  'ZA',
  'KR',
  'ES',
  'SE',
  'CH',
  'TW',
  'TH',
  'TT',
  'TR',
  'UA',
  'AE',
  'UY',
  'VN',
];

const names = new Intl.DisplayNames(['en'], { type: 'region' });

/** { code, name } sorted by name, for a select. */
export const countryOptions: readonly { code: string; name: string }[] = CODES.map((code) => ({
  code,
  name: names.of(code) ?? code,
})).sort((a, b) => a.name.localeCompare(b.name, 'en'));

export const countryCodes: ReadonlySet<string> = new Set(CODES);

/** Every IANA time zone this runtime knows, plus UTC. */
export const timeZoneOptions: readonly string[] = [...new Set(['UTC', ...Intl.supportedValuesOf('timeZone')])];
