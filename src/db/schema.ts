/**
 * Every table of the app, as Kysely sees it. The interface is empty here: each module that owns
 * tables adds them from its own `*.tables.ts` by declaration merging
 * (`declare module '../db/index.ts' { interface Database extends XTables {} }`), so the lowest
 * layer knows no feature. Conventions that keep one schema on both engines: instants are integer
 * epoch milliseconds (`*_at`), booleans are 0/1 integers, ids are text, structured values are JSON
 * text.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging, module by module
export interface Database {}
