import { z } from 'zod';

/**
 * The cut-offs the research guide marks as configurable (§5.4, §5.10), with their defaults.
 * The coach may change them in the back office; the engine takes them as an argument, so it
 * stays pure and a test can pin them.
 */
export interface GuideCutoffs {
  /** PHQ-2 sum (0–6) at or above which t1 fires. Default 3 (specific); 2 is the sensitive choice. */
  phq2: number;
  /** GAD-2 sum (0–6) at or above which t2 fires. Default 3. */
  gad2: number;
  /** AUDIT-C score (0–12) at or above which t6a fires for men. Default 4. */
  auditcMale: number;
  /** AUDIT-C score for everyone else, including "prefer not to say". Default 3 (conservative). */
  auditcOther: number;
  /** Months since a loss from which intense grief that makes daily life very hard fires T10. Default 6 (ICD-11). */
  griefMonths: number;
}

export const defaultCutoffs: Readonly<GuideCutoffs> = Object.freeze({
  phq2: 3,
  gad2: 3,
  auditcMale: 4,
  auditcOther: 3,
  griefMonths: 6,
});

/** The allowed range of each cut-off, so a typo cannot switch a rule off or make it fire for everyone. */
export const cutoffRanges: Readonly<Record<keyof GuideCutoffs, { min: number; max: number; label: string }>> =
  Object.freeze({
    phq2: { min: 2, max: 6, label: 'PHQ-2 cut-off (low mood and loss of interest)' },
    gad2: { min: 2, max: 6, label: 'GAD-2 cut-off (nervousness and worry)' },
    auditcMale: { min: 3, max: 12, label: 'AUDIT-C cut-off for men (drinking)' },
    auditcOther: { min: 2, max: 12, label: 'AUDIT-C cut-off for everyone else (drinking)' },
    griefMonths: { min: 3, max: 24, label: 'Months after a loss before intense grief suggests therapy' },
  });

const cutoff = (k: keyof GuideCutoffs) => {
  const r = cutoffRanges[k];
  return z.coerce
    .number({ error: `Enter a whole number from ${r.min} to ${r.max}.` })
    .int(`Enter a whole number from ${r.min} to ${r.max}.`)
    .min(r.min, `Enter a whole number from ${r.min} to ${r.max}.`)
    .max(r.max, `Enter a whole number from ${r.min} to ${r.max}.`);
};

export const cutoffsSchema = z.object({
  phq2: cutoff('phq2'),
  gad2: cutoff('gad2'),
  auditcMale: cutoff('auditcMale'),
  auditcOther: cutoff('auditcOther'),
  griefMonths: cutoff('griefMonths'),
});
