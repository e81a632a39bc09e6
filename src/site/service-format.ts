import type { Service } from './site.tables.ts';

const modalityLabels: Record<Service['modality'], string> = {
  video: 'By video in your private portal',
  phone: 'By phone',
  choice: 'By phone or video — you choose',
};

/** How the session happens, in the words visitors read. */
export function modalityLabel(modality: Service['modality']): string {
  return modalityLabels[modality] ?? modality;
}
