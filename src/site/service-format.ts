import type { Service } from './site.tables.ts';

/** "Free", "$140" or "€95.50", in the service's currency. */
export function formatPrice(cents: number, currency: string): string {
  if (cents === 0) return 'Free';
  const amount = cents / 100;
  try {
    return new Intl.NumberFormat('en', {
      style: 'currency',
      currency,
      minimumFractionDigits: cents % 100 === 0 ? 0 : 2,
      maximumFractionDigits: 2,
    }).format(amount);
  } catch {
    // An unknown currency code must not break the page.
    return `${amount.toFixed(2)} ${currency}`;
  }
}

/** "20 minutes", "1 hour", "1 hour 30 minutes". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m > 0 || h === 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  return parts.join(' ');
}

const modalityLabels: Record<Service['modality'], string> = {
  video: 'By video in your private portal',
  phone: 'By phone',
  choice: 'By phone or video — you choose',
};

/** How the session happens, in the words visitors read. */
export function modalityLabel(modality: Service['modality']): string {
  return modalityLabels[modality] ?? modality;
}
