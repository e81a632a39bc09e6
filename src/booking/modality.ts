/** How a session happens. */
export type Modality = 'video' | 'phone';
/** What a service offers: one way, or the client's choice between them. */
export type OfferedModality = Modality | 'choice';

/**
 * The one modality rule: a session happens the service's way; where the service lets the client
 * choose, it is their choice, and video when they did not make one. Pure.
 */
export function sessionModality(offered: OfferedModality, chosen: Modality | null | undefined): Modality {
  return offered === 'choice' ? (chosen ?? 'video') : offered;
}

/** The number the coach calls: kept for a phone session only, never for video. */
export function phoneToKeep(modality: Modality, phone: string | null | undefined): string | null {
  return modality === 'phone' && phone ? phone : null;
}
