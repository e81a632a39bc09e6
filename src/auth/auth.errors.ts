import { errorTable } from '../web/index.ts';

/** Why setting up the owner's account was refused (link_invalid is the web layer's). */
export const authErrors = errorTable({
  owner_exists: {
    status: 400,
    title: 'This practice is already set up',
    message: 'The owner’s account exists, so this setup link is no longer needed. Sign in instead.',
  },
  email_taken: {
    status: 409,
    title: 'That address has an account',
    message: 'This address already belongs to another account. Use a different one.',
  },
});
