import { z } from 'zod';
import type { Executor } from '../db/index.ts';
import { readSettingsDocument, writeSettingsDocument } from '../settings/index.ts';
import { cutoffsSchema, defaultCutoffs, type GuideCutoffs } from './engine/settings.ts';

/** How long a result shared with the coach is kept before it is deleted automatically. */
export const SHARED_RESULT_RETENTION_DAYS = 90;
export const SHARED_RESULT_RETENTION_MS = SHARED_RESULT_RETENTION_DAYS * 24 * 3600_000;

/** The coach's guide settings; one JSON document under the settings key 'guide'. */
export interface GuideSettings {
  cutoffs: GuideCutoffs;
  /** The conflict of interest in the coach's own words, shown on the guide's intro and results. */
  conflictStatement: string;
  /** Whether the practice coaches people under 18 at all (with a guardian's consent). */
  acceptsMinors: boolean;
  /**
   * Whether the booking intake also asks PHQ-9 question 9 (off by default: the research guide
   * recommends against it, §2.2). An answer other than "Not at all" with a safety question left
   * open is urgent (rule U6); with every safety question answered, the coach sees it flagged.
   */
  asksPhq9Item9: boolean;
}

export const defaultConflictStatement =
  'This guide is run by a coaching practice, and we earn our living from coaching. We have tried to make it fair to both paths, the rules it follows are public, and we would much rather you get the right help than book with us.';

export const defaultGuideSettings: GuideSettings = {
  cutoffs: { ...defaultCutoffs },
  conflictStatement: defaultConflictStatement,
  acceptsMinors: false,
  asksPhq9Item9: false,
};

export const guideSettingsSchema = z.object({
  cutoffs: cutoffsSchema,
  conflictStatement: z
    .string()
    .trim()
    .min(20, 'Write a sentence or two (at least 20 characters): visitors must be told plainly.')
    .max(1000, 'Keep it under 1,000 characters.'),
  acceptsMinors: z.boolean(),
  // Documents stored before the setting existed read as "off".
  asksPhq9Item9: z.boolean().default(false),
});

/** The guide settings, or the defaults (any stored field that is no longer valid falls back too). */
export async function readGuideSettings(db: Executor): Promise<GuideSettings> {
  return readSettingsDocument(db, 'guide', guideSettingsSchema, defaultGuideSettings);
}

/** Stores the guide settings (already validated). */
export async function writeGuideSettings(db: Executor, settings: GuideSettings, now: number): Promise<void> {
  await writeSettingsDocument(db, 'guide', settings, now);
}
