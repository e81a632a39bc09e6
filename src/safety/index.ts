import type { WebContributions } from '../web/index.ts';
import { safetySitemap } from './safety.routes.tsx';

export { type CrisisLineEdit, currentCrisisResources, mergeCrisisLines } from './crisis-lines.ts';
export {
  type CrisisResource,
  coveredCountries,
  crisisResources,
  FIND_A_HELPLINE_URL,
  lineKey,
  type ResourceKind,
  resourcesForCountry,
  smsHref,
  telHref,
} from './crisis-resources.ts';
export { HelpPage } from './pages/help.tsx';
export { safetyRoutes } from './safety.routes.tsx';

/** The crisis pages are the same for every visitor: the page cache may keep them. */
export const safetyWeb: WebContributions = { cacheable: ['/help', '/help/:cc'], sitemap: safetySitemap };
export { crisisLineEdits, deleteCrisisLineEdit, editedCrisisLineKeys, upsertCrisisLineEdit } from './crisis-lines.ts';
