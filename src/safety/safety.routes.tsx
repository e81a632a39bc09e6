import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { settingsChangedAt } from '../seo/index.ts';
import type { SitemapSource } from '../web/index.ts';
import { AppError, parseParams, sendPage, viewContext } from '../web/index.ts';
import { crisisLineEditTimes, currentCrisisResources } from './crisis-lines.ts';
import { coveredCountries, resourcesForCountry } from './crisis-resources.ts';
import { HelpPage } from './pages/help.tsx';
import { countryFromAcceptLanguage, regionName } from './visitor-country.ts';

const ccParams = z.object({ cc: z.string().max(10) });

/** This module's pages in the sitemap, by kind (installed by app.ts with the other contributions). */
export const safetySitemap: Record<string, SitemapSource> = {
  help: async (db) => {
    const edits = await crisisLineEditTimes(db);
    const lastmod = Math.max((await settingsChangedAt(db, 'site')) ?? 0, ...edits);
    if (!lastmod) return [];
    return ['/help', ...Object.keys(coveredCountries).map((cc) => `/help/${cc.toLowerCase()}`)].map((path) => ({
      path,
      lastmod,
    }));
  },
};

/** "Need help now?" (the shipped lines with the coach's edits): /help for where the visitor is, /help/<cc> for any covered country. */
export async function safetyRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // /help is "for where you are": the visitor's country from their browser's language when it names
  // one, else the practice's. It varies by Accept-Language, so it stays out of the page cache (keyed
  // by path; decision 020) and says so to any cache on the way. /help/<cc> is the same for everyone.
  app.get('/help', async (request, reply) => {
    reply.header('vary', 'accept-language');
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    const asked = countryFromAcceptLanguage(request.headers['accept-language']);
    const visitor = asked && regionName(asked) ? asked : null;
    const wanted = visitor ?? ctx.settings.country;
    const cc = Object.hasOwn(coveredCountries, wanted) ? wanted : null;
    return sendPage(
      reply,
      <HelpPage
        ctx={ctx}
        country={cc}
        lines={cc ? resourcesForCountry(cc, await currentCrisisResources(deps.dbh.db)) : []}
        path="/help"
        here={{
          visitor,
          visitorName: visitor && !cc ? regionName(visitor) : null,
          practice: ctx.settings.country,
        }}
      />,
    );
  });

  app.get('/help/:cc', async (request, reply) => {
    const raw = parseParams(ccParams, request).cc;
    const cc = raw.toUpperCase();
    if (!Object.hasOwn(coveredCountries, cc)) throw new AppError('not_found');
    // One address per country, so links and search engines agree.
    if (raw !== cc.toLowerCase()) return reply.redirect(`/help/${cc.toLowerCase()}`, 301);
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    return sendPage(
      reply,
      <HelpPage
        ctx={ctx}
        country={cc}
        lines={resourcesForCountry(cc, await currentCrisisResources(deps.dbh.db))}
        path={`/help/${cc.toLowerCase()}`}
      />,
    );
  });
}
