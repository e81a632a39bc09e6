import type { WebContributions } from '../web/index.ts';
import { safetySitemap } from './safety.routes.tsx';

export { type CrisisLineEdit, currentCrisisResources, mergeCrisisLines } from './crisis-lines.ts';
export {
  type CrisisResource,
  countryLabel,
  coveredCountries,
  crisisResources,
  FIND_A_HELPLINE_URL,
  lineKey,
  type ResourceKind,
  resourcesForCountry,
  smsHref,
  telHref,
} from './crisis-resources.ts';
export { type HelpHere, HelpPage } from './pages/help.tsx';
export { safetyRoutes } from './safety.routes.tsx';
export { countryFromAcceptLanguage, regionName } from './visitor-country.ts';

/**
 * /help/<cc> is the same for every visitor: the page cache may keep it. /help follows the visitor's
 * Accept-Language, and the page cache is keyed by path only, so it is rendered each time (decision 020).
 */
export const safetyWeb: WebContributions = { cacheable: ['/help/:cc'], sitemap: safetySitemap };
export { crisisLineEdits, deleteCrisisLineEdit, editedCrisisLineKeys, upsertCrisisLineEdit } from './crisis-lines.ts';
