import { z } from 'zod';

/** Pages every practice has; they cannot be deleted and their addresses cannot change. */
export const BUILT_IN_SLUGS = ['home', 'about', 'privacy', 'terms'] as const;
export type BuiltInSlug = (typeof BUILT_IN_SLUGS)[number];

/**
 * Addresses that belong to the app (today or soon) and so can never be a page's slug, or a page
 * would hide a feature or be hidden by it.
 */
export const RESERVED_SLUGS = new Set([
  'admin',
  'api',
  'assets',
  'static',
  'help',
  'contact',
  'sign-in',
  'sign-out',
  'sign-up',
  'setup',
  'services',
  'blog',
  'guide',
  'healthz',
  'readyz',
  'book',
  'booking',
  'portal',
  'account',
  'room',
  'feed',
  'feeds',
  'rss',
  'atom',
  'sitemap',
  'robots',
  'search',
  'tags',
  'tag',
  'authors',
  'author',
  'login',
  'logout',
  'favicon',
  'well-known',
  'new',
]);

export function isBuiltIn(slug: string): slug is BuiltInSlug {
  return (BUILT_IN_SLUGS as readonly string[]).includes(slug);
}

/** Lowercase letters and digits in words joined by single hyphens, e.g. "group-programmes". */
export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

export const slugSchema = z
  .string()
  .trim()
  .min(1, 'Give the page an address, such as group-programmes.')
  .max(60, 'Keep the address under 60 characters.')
  .regex(SLUG_PATTERN, 'Use lowercase letters, numbers and single hyphens only, such as group-programmes.')
  .refine((s) => !RESERVED_SLUGS.has(s), 'That address is used by the site itself. Choose another one.');

/** What the page editor accepts. Slug is checked separately, since built-in pages keep theirs. */
export const pageFormSchema = z.object({
  title: z.string().trim().min(1, 'Give the page a title.').max(120, 'Keep the title under 120 characters.'),
  description: z
    .string()
    .trim()
    .min(1, 'Write a short description; search engines and link previews show it.')
    .max(300, 'Keep the description under 300 characters (about 155 show in search results).'),
  body: z.string().max(200_000, 'This page is too long to save. Split it into two pages.'),
  inNav: z.literal('1').optional(),
  navOrder: z.coerce
    .number({ error: 'Enter a whole number for the order, such as 10.' })
    .int('Enter a whole number for the order, such as 10.')
    .min(0, 'Use 0 or more for the order.')
    .max(999, 'Use a number under 1000 for the order.'),
});
export type PageForm = z.infer<typeof pageFormSchema>;
