'use client';
import { createContext, useContext } from 'react';
import type { Catalogue, Problem, TemplateOption } from '../types';

export interface Suggestion {
  value: string;
  description: string;
}

export interface BuilderContextValue {
  readOnly: boolean;
  /** Message previews need the messages:send permission. */
  canPreview: boolean;
  catalogue: Catalogue | null;
  templates: TemplateOption[];
  timeZone: string;
  /** The problem shown at exactly this path, if problems are being shown. */
  problemAt: (path: string) => Problem | undefined;
  previewCustomer: { id: string; label: string } | null;
  setPreviewCustomer: (c: { id: string; label: string }) => void;
  /** Names a condition in a step may use (the trigger events' fields and the customer). */
  conditionNames: Suggestion[];
  /** Variables a message step's Liquid may use. */
  templateNames: Suggestion[];
  /** Values staff-facing text (notifications, tasks) may use. */
  staffNames: Suggestion[];
  registerStep: (id: string, el: HTMLElement | null) => void;
  focusStep: (id: string) => void;
  announce: (message: string) => void;
}

export const BuilderContext = createContext<BuilderContextValue | null>(null);

export function useBuilder(): BuilderContextValue {
  const ctx = useContext(BuilderContext);
  if (!ctx) throw new Error('useBuilder outside the playbook builder');
  return ctx;
}

/** Zod's generic wording, said the way a person filling in a form would expect. */
export function humanMessage(message: string): string {
  if (/^Too small: expected string to have >=1 char/.test(message)) return 'Fill this in';
  if (/expected string, received undefined/.test(message)) return 'Fill this in';
  if (/expected number, received (undefined|NaN)/.test(message)) return 'Enter a number';
  if (/^Too small: expected array to have >=1 item/.test(message)) return 'Add at least one';
  return message;
}
