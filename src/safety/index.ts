export { safetyRoutes } from './safety.routes.tsx';
export { HelpPage } from './pages/help.tsx';
export {
  coveredCountries,
  crisisResources,
  FIND_A_HELPLINE_URL,
  resourcesForCountry,
  smsHref,
  telHref,
  type CrisisResource,
  type ResourceKind,
} from './crisis-resources.ts';
