/** One JSON document per key ('site', 'guide', …); read and written through document.ts only. */
export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: number;
}

export interface SettingsTables {
  settings: SettingsTable;
}

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends SettingsTables {}
}
