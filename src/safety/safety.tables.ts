/**
 * The coach's edits to the crisis lines: a shipped line replaced or hidden (key = its key), or a
 * line of the coach's own (key `own-<id>`). The shipped defaults stay in code; the page merges.
 */
export interface GuideCrisisLinesTable {
  key: string;
  country: string;
  /** The whole line as JSON (CrisisResource), null when the line is only hidden. */
  data_json: string | null;
  hidden: number;
  updated_at: number;
}

export interface SafetyTables {
  /** Named for where its editor lives (the guide's settings); owned here, with the lines it edits. */
  guide_crisis_lines: GuideCrisisLinesTable;
}

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends SafetyTables {}
}
