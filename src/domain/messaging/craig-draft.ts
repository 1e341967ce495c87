import type { ContentViolation } from './content-rules';
import type { SegmentInfo } from './send';
import type { Template } from './template';

/** What Craig hands back: a draft from Claude, or the dispensary's own templates and why. */
export interface CraigDraft {
  source: 'craig' | 'template_fallback';
  model: string | null;
  /** Said to the user when Craig fell back or changed the copy. */
  notice: string | null;
  subject: string;
  emailHtml: string;
  smsVariants: Array<{ text: string; segments: SegmentInfo }>;
  /** Content-rule breaches found in Claude's draft and removed from it. */
  flags: ContentViolation[];
  /** Template problems left in the draft (for example a variable Claude made up). */
  problems: Array<{ path: string; message: string }>;
  fallbackTemplates: Array<Pick<Template, 'id' | 'name' | 'channel'>>;
}
