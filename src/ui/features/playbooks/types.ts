import type { OwnerAgent } from '@/domain/playbooks/agents';
import type { Playbook, PlaybookDefinitionInput, PlaybookVersion, Trigger } from '@/domain/playbooks/playbook';
import type { PlaybookRun } from '@/domain/playbooks/run';
import type { Step, StepCategory } from '@/domain/playbooks/step-registry';

/** A value as it arrives over JSON: dates become ISO strings. */
export type Jsonify<T> = T extends Date ? string : T extends Array<infer U> ? Array<Jsonify<U>> : T extends object ? { [K in keyof T]: Jsonify<T[K]> } : T;

export type PlaybookJson = Jsonify<Playbook>;
export type VersionJson = Jsonify<PlaybookVersion> & { createdByName?: string };
export type RunJson = Jsonify<PlaybookRun>;

export interface PlaybookRow {
  playbook: PlaybookJson;
  runs30d: number;
  messages30d: number;
  revenue30dCents: number | null;
  placeholders: Array<{ path: string; message: string }>;
}

/** One event of the catalogue as GET /api/playbooks/events describes it. */
export interface CatalogueEvent {
  name: string;
  description: string;
  producers: string[];
  runKeys: string[];
  fields: Array<{ path: string; type: string }>;
  conditionFields: Array<{ path: string; type: string }>;
}

export interface CatalogueStep {
  action: string;
  label: string;
  description: string;
  category: StepCategory;
  branches: string[];
}

export interface Catalogue {
  events: CatalogueEvent[];
  steps: CatalogueStep[];
}

export interface TemplateOption {
  id: string;
  name: string;
  channel: 'email' | 'sms';
  kind: 'marketing' | 'transactional';
}

/** What the builder edits: a definition whose steps always carry ids (given in the browser). */
export interface Draft {
  name: string;
  description: string;
  ownerAgent: OwnerAgent;
  triggers: Trigger[];
  entry: NonNullable<PlaybookDefinitionInput['entry']>;
  exit: { onEvents: Array<{ eventName: string; filter?: string }> };
  steps: Step[];
}

/** A problem the server found, at a path such as `steps.1.then.0.template`; conditions add the character range. */
export interface Problem {
  path: string;
  message: string;
  start?: number;
  end?: number;
  /** The text the server judged, so a range is only drawn while the text is unchanged. */
  source?: string;
}

export interface GalleryEntry {
  key: string;
  title: string;
  summary: string;
  setup: string | null;
  ownerAgent: OwnerAgent;
  trigger: Trigger;
  /** The first step, when it is a wait: what happens between the trigger and the first message. */
  firstWait: Step | null;
  installedPlaybookId: string | null;
}

export type { Step, Trigger };

/** A server value as the browser will see it: what a server page hands a client component. */
export function jsonify<T>(value: T): Jsonify<T> {
  return JSON.parse(JSON.stringify(value)) as Jsonify<T>;
}
