export { safetyRoutes } from './safety.routes.tsx';
export { HelpPage } from './pages/help.tsx';
export {
  coveredCountries,
  lineKey,
  crisisResources,
  FIND_A_HELPLINE_URL,
  resourcesForCountry,
  smsHref,
  telHref,
  type CrisisResource,
  type ResourceKind,
} from './crisis-resources.ts';
export { currentCrisisResources, mergeCrisisLines, type CrisisLineEdit } from './crisis-lines.ts';
