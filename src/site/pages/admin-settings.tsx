import type { SiteSettings } from '../../settings/index.ts';
import { socialNetworks } from '../../settings/index.ts';
import { allTimeZones, commonLocales, isLocale, localeLabel } from '../../time/index.ts';
import type { ViewContext } from '../../web/index.ts';
import {
  AdminLayout,
  CsrfField,
  ErrorSummary,
  Field,
  FormActions,
  type FormState,
  imageVariants,
  Select,
  socialLabel,
  TextArea,
} from '../../web/index.ts';
import { countryOptions } from '../countries.ts';
import { SOCIAL_ROWS } from '../settings-form.ts';

const labels: Record<string, string> = {
  practiceName: 'Practice name',
  coachName: 'Your name',
  coachTitle: 'Title',
  credentials: 'Credentials',
  tagline: 'Tagline',
  photo: 'Photo',
  photoAlt: 'Photo description',
  contactEmail: 'Contact email',
  timeZone: 'Time zone',
  locale: 'Language and region',
  hourCycle: 'Clock',
  country: 'Country',
  accent: 'Accent colour',
  accentDark: 'Accent colour in dark mode',
};
for (let i = 0; i < SOCIAL_ROWS; i++) {
  labels[`social_${i}_network`] = `Social link ${i + 1} network`;
  labels[`social_${i}_url`] = `Social link ${i + 1} address`;
}

const timeZones = allTimeZones().map((tz) => ({ value: tz, label: tz.replaceAll('_', ' ') }));
const clocks = [
  { value: 'h23', label: '24-hour (14:30)' },
  { value: 'h12', label: '12-hour (2:30 pm)' },
];
/** The common language-regions, and the stored one when it is not among them. */
function localeOptions(current: string | undefined) {
  const list = isLocale(current) && !commonLocales.includes(current) ? [current, ...commonLocales] : commonLocales;
  return list.map((l) => ({ value: l, label: localeLabel(l) }));
}
const countries = countryOptions.map((c) => ({ value: c.code, label: c.name }));
const networks = [{ value: '', label: 'None' }, ...socialNetworks.map((n) => ({ value: n, label: socialLabel(n) }))];

interface SettingsProps {
  ctx: ViewContext;
  state: FormState;
  /** Contrast warnings for the colours now shown in the form. */
  warnings: string[];
  problem?: string | undefined;
  notice?: string | undefined;
}

/** /admin/settings: everything about the practice that the public site shows. */
export function SettingsPage({ ctx, state, warnings, problem, notice }: SettingsProps) {
  const errors = problem ? { _form: problem, ...state.errors } : state.errors;
  return (
    <AdminLayout ctx={ctx} title="Site settings" notice={notice}>
      <ErrorSummary errors={errors} labels={labels} />
      <form method="post" action="/admin/settings" enctype="multipart/form-data" novalidate>
        <CsrfField ctx={ctx} />
        <fieldset>
          <legend>The practice</legend>
          <Field name="practiceName" label={labels.practiceName!} state={state} required maxLength={80} />
          <Field
            name="tagline"
            label={labels.tagline!}
            state={state}
            maxLength={160}
            hint="One line under your name on the home page."
          />
          <Field
            name="contactEmail"
            label={labels.contactEmail!}
            type="email"
            state={state}
            autocomplete="email"
            hint="Where messages from the contact form go."
          />
        </fieldset>
        <fieldset>
          <legend>About you</legend>
          <Field name="coachName" label={labels.coachName!} state={state} required maxLength={80} autocomplete="name" />
          <Field
            name="coachTitle"
            label={labels.coachTitle!}
            state={state}
            maxLength={120}
            hint="For example: Relationship and life coach."
          />
          <TextArea
            name="credentials"
            label={labels.credentials!}
            state={state}
            rows={2}
            hint="Training and memberships, in one or two lines."
          />
          <PhotoField settings={ctx.settings} state={state} />
          <Field
            name="photoAlt"
            label={labels.photoAlt!}
            state={state}
            required={Boolean(ctx.settings.photoUrl)}
            maxLength={200}
            hint="Needed with a photo. Describe it for people who cannot see it, such as: Smiling at a desk by a sunny window."
          />
        </fieldset>
        <fieldset>
          <legend>Where you work</legend>
          <Select
            name="timeZone"
            label={labels.timeZone!}
            state={state}
            required
            options={timeZones}
            hint="Session times are shown in this time zone."
          />
          <Select
            name="locale"
            label={labels.locale!}
            state={state}
            required
            options={localeOptions(state.values.locale)}
            hint="How dates, times, durations and prices are written in the back office, in emails and on your pages: English (United Kingdom) writes 27 Nov 2026, English (United States) Nov 27, 2026."
          />
          <Select
            name="hourCycle"
            label={labels.hourCycle!}
            state={state}
            required
            options={clocks}
            hint="How times of day are written."
          />
          <Select
            name="country"
            label={labels.country!}
            state={state}
            required
            options={countries}
            hint="The “Need help now?” page shows this country’s crisis lines first."
          />
        </fieldset>
        <fieldset>
          <legend>Social links</legend>
          <p class="hint">Shown in the footer. Leave a row on “None” to skip it.</p>
          {Array.from({ length: SOCIAL_ROWS }, (_, i) => (
            <div class="social-row">
              <Select name={`social_${i}_network`} label={`Network ${i + 1}`} state={state} options={networks} />
              <Field
                name={`social_${i}_url`}
                label={`Address ${i + 1}`}
                type="url"
                state={state}
                hint="A full https:// address."
              />
            </div>
          ))}
        </fieldset>
        <fieldset>
          <legend>Colours</legend>
          {warnings.length > 0 ? (
            <div class="notice warning" role="status">
              <p>
                <strong>Readability:</strong>
              </p>
              <ul>
                {warnings.map((w) => (
                  <li>{w}</li>
                ))}
              </ul>
            </div>
          ) : null}
          <div class="colour-row">
            <Field
              name="accent"
              label={labels.accent!}
              type="color"
              state={state}
              required
              hint="Links and buttons on light pages."
            />
            <Field
              name="accentDark"
              label={labels.accentDark!}
              type="color"
              state={state}
              required
              hint="Links and buttons when the visitor's device uses dark mode."
            />
          </div>
        </fieldset>
        <FormActions>
          <button type="submit" class="button">
            Save settings
          </button>
        </FormActions>
      </form>
    </AdminLayout>
  );
}

/** How wide the back office draws the current photo. */
const PREVIEW_WIDTH = 128;

/**
 * The coach's photo: the one the site shows now (small, with its description), a file input for a
 * new one and a box to remove it. A chosen file cannot be shown again after a refusal, so the
 * form's message asks for it again.
 */
function PhotoField({ settings, state }: { settings: SiteSettings; state: FormState }) {
  const error = state.errors.photo;
  const current = settings.photoUrl;
  const variants = current ? imageVariants(current) : undefined;
  const hint = current
    ? 'JPEG, PNG, WebP or AVIF, up to 10 MB. Choosing a new photo replaces this one. A portrait shape shows best.'
    : 'JPEG, PNG, WebP or AVIF, up to 10 MB. A portrait shape shows best; it is made ready for phones and large screens.';
  return (
    <>
      <div class={error ? 'field has-error' : 'field'}>
        <label for="f-photo">
          {labels.photo}
          <span class="optional"> (optional)</span>
        </label>
        {current ? (
          <figure class="photo-preview">
            <img
              src={variants ? variants.fallback : current}
              srcset={variants?.jpeg}
              sizes={variants ? `${PREVIEW_WIDTH}px` : undefined}
              alt=""
              width={PREVIEW_WIDTH}
              height={
                variants
                  ? Math.round((PREVIEW_WIDTH * variants.height) / variants.width)
                  : Math.round(PREVIEW_WIDTH * 1.25)
              }
            />
            <figcaption>
              Now on your site.{' '}
              {settings.photoAlt ? (
                <>Its description: “{settings.photoAlt}”</>
              ) : (
                'It has no description yet: add one below.'
              )}
            </figcaption>
          </figure>
        ) : (
          <p>No photo yet: the site shows none.</p>
        )}
        <p class="hint" id="h-photo">
          {hint}
        </p>
        {error ? (
          <p class="field-error" id="e-photo">
            <span class="visually-hidden">Error: </span>
            {error}
          </p>
        ) : null}
        <input
          id="f-photo"
          name="photo"
          type="file"
          accept="image/jpeg,image/png,image/webp,image/avif"
          aria-invalid={error ? 'true' : undefined}
          aria-describedby={error ? 'h-photo e-photo' : 'h-photo'}
        />
      </div>
      {current ? (
        <div class="field">
          <label class="checkbox">
            <input type="checkbox" name="removePhoto" value="1" checked={state.values.removePhoto === '1'} /> Remove the
            photo
          </label>
        </div>
      ) : null}
    </>
  );
}
