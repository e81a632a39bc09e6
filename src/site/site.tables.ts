import type { Selectable } from 'kysely';

/** A page the coach edits in Markdown (home, about, privacy, terms, and her own). */
export interface PagesTable {
  id: string;
  slug: string;
  title: string;
  description: string;
  body_md: string;
  /** 1 when listed in the header navigation. */
  in_nav: number;
  nav_order: number;
  created_at: number;
  updated_at: number;
}

/** An offering: what it is, length, price, how it happens. The booking module makes it bookable. */
export interface ServicesTable {
  id: string;
  slug: string;
  name: string;
  summary: string;
  description_md: string;
  duration_minutes: number;
  price_cents: number;
  currency: string;
  modality: 'video' | 'phone' | 'choice';
  active: number;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

export interface SiteTables {
  pages: PagesTable;
  services: ServicesTable;
}

export type Page = Selectable<PagesTable>;
export type Service = Selectable<ServicesTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends SiteTables {}
}
