import type { Sealer } from '../security/index.ts';

/** What a reader sees for text sealed with another key (a database restored without its secrets.json). */
export const UNREADABLE = '(This text cannot be opened: it was sealed with a different encryption key.)';

/**
 * Opens sealed text; text sealed with another key reads as a plain sentence instead of failing
 * the whole page, so one unreadable note does not hide a client's record.
 */
export function openSealed(sealer: Sealer, sealed: string): string {
  try {
    return sealer.open(sealed);
  } catch {
    return UNREADABLE;
  }
}

/** Like openSealed, for optional text. */
export function openSealedOrNull(sealer: Sealer, sealed: string | null): string | null {
  return sealed === null ? null : openSealed(sealer, sealed);
}
