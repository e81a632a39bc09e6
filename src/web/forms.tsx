import type { ComponentChildren } from 'preact';
import type { z } from 'zod';
import type { ViewContext } from './view.ts';

/** Field name → a sentence saying what to fix. */
export type FieldErrors = Record<string, string>;

/** What a form shows again: the values as typed (strings) and the errors. */
export interface FormState {
  values: Record<string, string>;
  errors: FieldErrors;
}

export const emptyForm: FormState = { values: {}, errors: {} };

export type ParseResult<T> = { ok: true; data: T; values: Record<string, string> } | { ok: false; state: FormState };

/** Keeps every string the person sent (never the CSRF token), for showing the form again. */
export function typedValues(body: unknown): Record<string, string> {
  const values: Record<string, string> = {};
  if (body && typeof body === 'object') {
    for (const [k, v] of Object.entries(body as Record<string, unknown>)) {
      if (k === '_csrf') continue;
      if (typeof v === 'string') values[k] = v;
      else if (Array.isArray(v) && typeof v[0] === 'string') values[k] = v[0];
    }
  }
  return values;
}

/** The one way to read a form: zod schema in, typed data or per-field messages out. */
export function parseForm<S extends z.ZodType>(schema: S, body: unknown): ParseResult<z.infer<S>> {
  const values = typedValues(body);
  const parsed = schema.safeParse(values);
  if (parsed.success) return { ok: true, data: parsed.data, values };
  const errors: FieldErrors = {};
  for (const issue of parsed.error.issues) {
    const key = issue.path.map(String).join('.') || '_form';
    errors[key] ??= issue.message;
  }
  return { ok: false, state: { values, errors } };
}

export function CsrfField({ ctx }: { ctx: ViewContext }) {
  return <input type="hidden" name="_csrf" value={ctx.csrf()} />;
}

/** A summary at the top of a form with links to each field that needs fixing. */
export function ErrorSummary({ errors, labels }: { errors: FieldErrors; labels?: Record<string, string> }) {
  const entries = Object.entries(errors);
  if (entries.length === 0) return null;
  return (
    <div class="error-summary" role="alert" aria-labelledby="error-summary-title" tabindex={-1}>
      <h2 id="error-summary-title">
        {entries.length === 1 ? 'One thing needs fixing' : `${entries.length} things need fixing`}
      </h2>
      <ul>
        {entries.map(([field, message]) => (
          <li>
            {field === '_form' ? (
              message
            ) : (
              <a href={`#f-${field}`}>
                {labels?.[field] ? `${labels[field]}: ` : ''}
                {message}
              </a>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}

interface FieldProps {
  name: string;
  label: string;
  state: FormState;
  type?: 'text' | 'email' | 'tel' | 'url' | 'number' | 'password' | 'color' | 'date' | 'time';
  hint?: string;
  required?: boolean;
  autocomplete?: string;
  value?: string;
  maxLength?: number;
  inputMode?: string;
}

function describedBy(name: string, hint: string | undefined, error: string | undefined): string | undefined {
  const ids = [hint ? `h-${name}` : '', error ? `e-${name}` : ''].filter(Boolean).join(' ');
  return ids || undefined;
}

function Label({ name, label, required }: { name: string; label: string; required?: boolean | undefined }) {
  return (
    <label for={`f-${name}`}>
      {label}
      {required ? null : <span class="optional"> (optional)</span>}
    </label>
  );
}

function HintAndError({ name, hint, error }: { name: string; hint?: string | undefined; error?: string | undefined }) {
  return (
    <>
      {hint ? (
        <p class="hint" id={`h-${name}`}>
          {hint}
        </p>
      ) : null}
      {error ? (
        <p class="field-error" id={`e-${name}`}>
          <span class="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
    </>
  );
}

export function Field(p: FieldProps) {
  const error = p.state.errors[p.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <input
        id={`f-${p.name}`}
        name={p.name}
        type={p.type ?? 'text'}
        value={p.state.values[p.name] ?? p.value ?? ''}
        required={p.required}
        autocomplete={p.autocomplete}
        maxLength={p.maxLength}
        inputMode={p.inputMode as never}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      />
    </div>
  );
}

export function TextArea(p: Omit<FieldProps, 'type'> & { rows?: number; mono?: boolean }) {
  const error = p.state.errors[p.name];
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <textarea
        id={`f-${p.name}`}
        name={p.name}
        rows={p.rows ?? 6}
        required={p.required}
        class={p.mono ? 'mono' : undefined}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.state.values[p.name] ?? p.value ?? ''}
      </textarea>
    </div>
  );
}

export function Select(p: Omit<FieldProps, 'type'> & { options: { value: string; label: string }[] }) {
  const error = p.state.errors[p.name];
  const current = p.state.values[p.name] ?? p.value ?? '';
  return (
    <div class={error ? 'field has-error' : 'field'}>
      <Label name={p.name} label={p.label} required={p.required} />
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <select
        id={`f-${p.name}`}
        name={p.name}
        required={p.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(p.name, p.hint, error)}
      >
        {p.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Radio buttons in a fieldset with a legend. */
export function Radios(p: Omit<FieldProps, 'type'> & { options: { value: string; label: string }[] }) {
  const error = p.state.errors[p.name];
  const current = p.state.values[p.name] ?? p.value ?? '';
  return (
    <fieldset
      class={error ? 'field has-error' : 'field'}
      id={`f-${p.name}`}
      aria-describedby={describedBy(p.name, p.hint, error)}
    >
      <legend>
        {p.label}
        {p.required ? null : <span class="optional"> (optional)</span>}
      </legend>
      <HintAndError name={p.name} hint={p.hint} error={error} />
      <div class="radios">
        {p.options.map((o) => (
          <label class="radio">
            <input type="radio" name={p.name} value={o.value} checked={o.value === current} /> {o.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}

export function FormActions({ children }: { children: ComponentChildren }) {
  return <div class="form-actions">{children}</div>;
}
