import { errorTable } from '../web/index.ts';

/** The blog's own refusals (slug_taken, changed and not_found are the web layer's). */
export const blogErrors = errorTable({
  bad_time: {
    status: 400,
    title: 'That time has passed',
    message: 'Choose a date and time in the future to schedule the article.',
  },
});
