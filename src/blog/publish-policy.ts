import { hasErrors, type LintFinding } from '../seo/index.ts';
import type { PostStatus } from './blog.tables.ts';

/** What the editor's buttons ask for. */
export const EDITOR_ACTIONS = [
  'preview',
  'save',
  'publish',
  'schedule',
  'unpublish',
  'trash',
  'restore',
  'delete',
] as const;
export type EditorAction = (typeof EDITOR_ACTIONS)[number];

/** Whether the article is public (or will be, at its time) after this action: publishing, scheduling, or saving a live one. */
export function goesPublic(action: EditorAction, status: PostStatus | undefined): boolean {
  return (
    action === 'publish' ||
    action === 'schedule' ||
    (action === 'save' && (status === 'published' || status === 'scheduled'))
  );
}

/**
 * The publish policy: an article goes public only when the search-engine check finds no error in
 * it (warnings are the coach's call); drafts may be saved whatever the check says. Pure.
 */
export function mayGoPublic(action: EditorAction, status: PostStatus | undefined, findings: LintFinding[]): boolean {
  return !goesPublic(action, status) || !hasErrors(findings);
}

/** A scheduled article needs a time, and one in the future. */
export function schedulable(publishAt: number | null, now: number): publishAt is number {
  return publishAt !== null && publishAt > now;
}
