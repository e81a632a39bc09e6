// The settings documents (one JSON document per key in the `settings` table) and the site settings
// every layer may read: web/ for the header, mail/ for the sender, features for their pages.
export {
  insertSettingsDocumentIfAbsent,
  readSettingsDocument,
  settingsChangedAt,
  writeSettingsDocument,
} from './document.ts';
export type { SettingsTables } from './settings.tables.ts';
export {
  defaultSiteSettings,
  readSiteSettings,
  type SiteSettings,
  siteSettingsSchema,
  socialNetworks,
  writeSiteSettings,
} from './site-settings.ts';
