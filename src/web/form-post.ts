import type { FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { CodedError, type Refusal } from './errors.ts';
import { type FieldErrors, type FormState, parseForm, typedValues } from './forms.tsx';

/** Said when a form's CSRF token was missing or stale (decision 003); a form may say it in its own words. */
export const FORM_EXPIRED =
  'This form had expired, so nothing was sent. Everything you typed is still here: please press the button again.';

/** How one code from the use case shows on the form instead of as an error page. */
export interface RefusalShown {
  /** The field the message sits beside; the top of the form when absent. */
  field?: string;
  /** Words for this form; the code's own message when absent. */
  message?: string;
  /** The status of the page shown again; the code's own status when absent. */
  status?: number;
}

/**
 * What the use case's step may answer: a path to go to (303, the usual end), a reply it sent itself,
 * messages for fields it checked (400 unless said), or a refusal with a registered code.
 */
export type FormOutcome = string | FastifyReply | { errors: FieldErrors; status?: number } | Refusal;

export interface FormPost<S extends z.ZodType> {
  /** The form's fields; without one, the step gets the typed strings as they came. */
  schema?: S;
  /** The page with the form, shown again with what was typed and what to fix. */
  render(state: FormState, status: number): Promise<FastifyReply> | FastifyReply;
  /** The words for an expired form (FORM_EXPIRED by default), shown at the top of the form. */
  expired?: string;
  /** Runs after the CSRF check and before parsing; may answer at once (e.g. a filled honeypot). */
  before?(values: Record<string, string>): Promise<FormOutcome | undefined> | FormOutcome | undefined;
  /** Checks beyond the schema whose messages are shown with the schema's (e.g. the contact form's timing). */
  check?(values: Record<string, string>): Promise<FieldErrors> | FieldErrors;
  /** The one use case. */
  run(data: z.output<S>, values: Record<string, string>): Promise<FormOutcome> | FormOutcome;
  /** Codes from the use case that are shown on the form; any other code shows its error page. */
  refusals?: Partial<Record<string, RefusalShown>>;
}

/** For pages that show a form-wide message (an expired form) apart from the field messages: the two, split. */
export function splitFormMessage(state: FormState): { state: FormState; message: string | undefined } {
  const { _form, ...errors } = state.errors;
  return { state: { values: state.values, errors }, message: _form };
}

const isRefusal = (o: object): o is Refusal => 'ok' in o && o.ok === false && typeof (o as Refusal).reason === 'string';
const isFieldErrors = (o: object): o is { errors: FieldErrors; status?: number } =>
  'errors' in o && typeof o.errors === 'object' && o.errors !== null;

/**
 * The one way to handle a form post: CSRF (an expired form comes back with what was typed, 403),
 * zod through `parseForm` (400 with the messages), one use case, its codes turned into messages on
 * the form or the error page, and a 303 to where the person goes next. Access checks and loading
 * what the form is about (a 404) happen before, in the route.
 */
export async function handleForm<S extends z.ZodType = z.ZodType<Record<string, string>>>(
  request: FastifyRequest,
  reply: FastifyReply,
  form: FormPost<S>,
): Promise<FastifyReply> {
  const values = typedValues(request.body);
  if (!request.csrfOk) return form.render({ values, errors: { _form: form.expired ?? FORM_EXPIRED } }, 403);

  const answer = async (outcome: FormOutcome): Promise<FastifyReply> => {
    if (typeof outcome === 'string') return reply.redirect(outcome, 303);
    if (isRefusal(outcome)) return refused(request.server.errorRegistry.error(outcome.reason));
    if (isFieldErrors(outcome)) return form.render({ values, errors: outcome.errors }, outcome.status ?? 400);
    return outcome;
  };
  const refused = (err: CodedError): Promise<FastifyReply> | FastifyReply => {
    const shown = form.refusals?.[err.code];
    if (!shown) throw err;
    return form.render(
      { values, errors: { [shown.field ?? '_form']: shown.message ?? err.message } },
      shown.status ?? err.status,
    );
  };

  // A step that sent a page itself resolves to nothing: awaiting a reply waits until it is sent.
  const early = await form.before?.(values);
  if (reply.sent) return reply;
  if (early !== undefined) return answer(early);

  const parsed = form.schema ? parseForm(form.schema, request.body) : ({ ok: true, data: values, values } as const);
  const checked = (await form.check?.(values)) ?? {};
  if (!parsed.ok || Object.keys(checked).length > 0) {
    // A message about the whole form leads the summary.
    const { _form, ...fields } = { ...checked, ...(parsed.ok ? {} : parsed.state.errors) };
    return form.render({ values, errors: { ...(_form ? { _form } : {}), ...fields } }, 400);
  }

  let outcome: FormOutcome;
  try {
    outcome = await form.run(parsed.data as z.output<S>, values);
  } catch (err) {
    if (err instanceof CodedError) return refused(err);
    throw err;
  }
  if (reply.sent) return reply;
  if (outcome === undefined) throw new Error(`the form step of ${request.url} answered nothing`);
  return answer(outcome);
}
