import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { Deps } from '../deps.ts';
import { settingsChangedAt } from '../seo/index.ts';
import type { SitemapSource } from '../web/index.ts';
import { AppError, parseParams, sendPage, viewContext } from '../web/index.ts';
import { crisisLineEditTimes, currentCrisisResources } from './crisis-lines.ts';
import { coveredCountries, resourcesForCountry } from './crisis-resources.ts';
import { HelpPage } from './pages/help.tsx';

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

/** "Need help now?" (the shipped lines with the coach's edits): /help for the practice's country, /help/<cc> for any covered country. */
export async function safetyRoutes(app: FastifyInstance, { deps }: { deps: Deps }): Promise<void> {
  // Static for every visitor (no form); the page cache drops entries on any database write, so the coach's edits show at once.
  // Crisis pages change with the practice's country and the coach's edits to the lines.
  app.get('/help', async (request, reply) => {
    const ctx = await viewContext(deps.dbh.db, deps.config.publicUrl, request, reply);
    const cc = Object.hasOwn(coveredCountries, ctx.settings.country) ? ctx.settings.country : null;
    return sendPage(
      reply,
      <HelpPage
        ctx={ctx}
        country={cc}
        lines={cc ? resourcesForCountry(cc, await currentCrisisResources(deps.dbh.db)) : []}
        path="/help"
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
