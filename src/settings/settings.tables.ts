/** One JSON document per key ('site', 'guide', …); read and written through document.ts only. */
export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: number;
}

export interface SettingsTables {
  settings: SettingsTable;
}
