import type { Selectable } from 'kysely';

/** A therapist or service the coach trusts and refers people to. */
export interface GuideReferralsTable {
  id: string;
  name: string;
  focus: string;
  how_to_reach: string;
  notes: string;
  sort_order: number;
  created_at: number;
  updated_at: number;
}

/**
 * A result a visitor chose to share with the coach. Everything they shared (name, email, answers,
 * evaluation) is sealed in one column; deleted at expires_at.
 */
export interface GuideSharedResultsTable {
  id: string;
  created_at: number;
  expires_at: number;
  sealed: string;
  read_at: number | null;
  message_sent_at: number | null;
}

/** A question of the coach's own, asked in a service's booking flow after the safety screen. */
export interface IntakeQuestionsTable {
  id: string;
  service_id: string;
  position: number;
  kind: 'text' | 'choice' | 'yes_no';
  label: string;
  /** The choices of a 'choice' question, as a JSON array of strings ('[]' otherwise). */
  choices_json: string;
  required: number;
  created_at: number;
  updated_at: number;
}

/** A client's answers for one booking request (its request_id), sealed with the questions' words. */
export interface IntakeAnswersTable {
  request_id: string;
  service_id: string;
  sealed: string;
  created_at: number;
}

export interface GuideTables {
  guide_referrals: GuideReferralsTable;
  guide_shared_results: GuideSharedResultsTable;
  intake_questions: IntakeQuestionsTable;
  intake_answers: IntakeAnswersTable;
}

export type Referral = Selectable<GuideReferralsTable>;

// This module's tables join the one Database type by declaration merging, so db/ names no feature.
declare module '../db/index.ts' {
  interface Database extends GuideTables {}
}
