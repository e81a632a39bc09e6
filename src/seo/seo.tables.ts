import type { Selectable } from 'kysely';

/** An old address that now lives elsewhere (301) or was removed on purpose (410). */
export interface RedirectsTable {
  id: string;
  /** A path on this site, without a trailing slash: '/blog/old-slug'. */
  from_path: string;
  to_path: string | null;
  status: 301 | 410;
  /** 'slug' (automatic on a slug change), 'coach', 'import'. */
  source: string;
  created_at: number;
}

export interface SeoTables {
  redirects: RedirectsTable;
}

export type Redirect = Selectable<RedirectsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends SeoTables {}
}
