import { CodedError, errorTable } from '../web/index.ts';

/** Why a use case about a client was refused; each has words a person can act on. */
export type ClientsErrorCode =
  | 'client_not_found'
  | 'client_item_not_found'
  | 'client_email_taken'
  | 'client_text_invalid'
  | 'check_in_invalid'
  | 'file_too_large'
  | 'file_type_refused'
  | 'deletion_not_pending';

/**
 * Each code's status, title and words; app.ts adds this table to the registry. Another client's
 * record or item answers the same 404 as one that does not exist: a page never reveals that a
 * record is there.
 */
export const clientsErrors = errorTable<ClientsErrorCode>({
  client_not_found: {
    status: 404,
    title: 'Client not found',
    message: 'We could not find that client. They may have been deleted; please go back to the list of clients.',
  },
  client_item_not_found: {
    status: 404,
    title: 'Not found',
    message: 'We could not find that item. It may have been removed; please go back and reload the page.',
  },
  client_email_taken: {
    status: 409,
    title: 'That email address belongs to another client',
    message: 'Another client already has that email address. Open their record instead, or use a different address.',
  },
  client_text_invalid: {
    status: 422,
    title: 'Something in the text needs a look',
    message: 'Please write something, and keep it shorter than the limit shown.',
  },
  check_in_invalid: {
    status: 422,
    title: 'This check-in needs a look',
    message: 'Please give each score as a whole number from 1 to 10, for the things you track.',
  },
  file_too_large: {
    status: 413,
    title: 'That file is too large',
    message: 'Files can be up to 10 MB. Please send a smaller file, or split it into parts.',
  },
  file_type_refused: {
    status: 415,
    title: 'That kind of file cannot be shared here',
    message:
      'Please send a PDF, an image (PNG, JPEG or WebP), a plain text file or a Word, Excel or OpenDocument file.',
  },
  deletion_not_pending: {
    status: 409,
    title: 'This request is already closed',
    message: 'This deletion request was already carried out or withdrawn. Reload the page to see where it stands.',
  },
});

/** A refused use case about a client, its record or something in it. */
export class ClientsError extends CodedError<ClientsErrorCode> {
  constructor(code: ClientsErrorCode, o: { message?: string; cause?: unknown } = {}) {
    super(clientsErrors, code, o);
    this.name = 'ClientsError';
  }
}
