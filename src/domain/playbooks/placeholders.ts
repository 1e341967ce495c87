import { stepType, type Step } from './steps';

/**
 * Values that stand in for something the dispensary must supply (the gallery's review link
 * `https://example.com/leave-a-review`): a playbook that still carries one cannot be activated.
 *
 * A placeholder is either
 * - an address at a domain reserved for examples (RFC 2606 / 6761): example.com, example.net,
 *   example.org and their subdomains, or any name under the `.example` top-level domain, in a
 *   URL, an email address or plain text; or
 * - text in double square brackets, `[[your review page]]`: the marker for "fill this in".
 */

export interface PlaceholderFound {
  /** Where it is, as the builder's problem paths read: `steps.1.variables.review.url`. */
  path: string;
  stepId: string;
  /** How the step is named to a person: its label, else its type ("Send email"). */
  stepName: string;
  /** The field inside the step (`variables.review.url`, `body`), or `template`. */
  field: string;
  value: string;
  /** Set when the value is in the template the step sends rather than in the step itself. */
  template?: string;
}

export interface TemplateText {
  name?: string;
  subject?: string | null;
  body: string;
}

const EXAMPLE_HOST = /(?:^|[@/.])(?:example\.(?:com|net|org)|[a-z0-9-]+\.example)(?=[/:?#]|[.,;!)]*$)/i;
const MARKER = /\[\[[^\]\n]{1,80}\]\]/g;
/** Fields that are not message content: conditions, names of events, ids. */
const NOT_CONTENT = new Set(['id', 'action', 'label', 'if', 'filter', 'eventName', 'matchOn', 'template']);
/** The steps whose words reach a customer: what they carry is "the message". Staff notes and webhook addresses are not checked. */
const MESSAGE_STEPS = new Set(['send_email', 'send_sms', 'ai_compose']);

/** The placeholder values in a text, in order, each once. */
export function placeholdersIn(text: string): string[] {
  const found: string[] = [];
  for (const token of text.split(/[\s"'<>()]+/)) {
    const bare = token.replace(/^mailto:/i, '').replace(/[.,;!]+$/, '');
    if (EXAMPLE_HOST.test(bare)) found.push(bare);
  }
  for (const m of text.matchAll(MARKER)) found.push(m[0]);
  return found.filter((v, i) => found.indexOf(v) === i);
}

function valuePaths(value: unknown, path: string, out: Array<{ path: string; value: string }>) {
  if (typeof value === 'string') for (const v of placeholdersIn(value)) out.push({ path, value: v });
  else if (value && typeof value === 'object' && !Array.isArray(value))
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) valuePaths(v, `${path}.${k}`, out);
}

const isStepList = (v: unknown): v is Step[] => Array.isArray(v) && v.length > 0 && v.every((x) => !!x && typeof x === 'object' && 'action' in x);

/**
 * Every placeholder in a playbook's message steps (email, text, Craig's brief; nested branches
 * included), and in the templates they send when `templates` has them (keyed by template id).
 */
export function findPlaceholders(steps: Step[], templates: ReadonlyMap<string, TemplateText> = new Map()): PlaceholderFound[] {
  const out: PlaceholderFound[] = [];
  const visit = (list: Step[], prefix: string) =>
    list.forEach((step, i) => {
      const at = `${prefix}.${i}`;
      const stepName = step.label || stepType(step.action)?.label || step.action;
      const found: Array<{ path: string; value: string }> = [];
      for (const [key, value] of Object.entries(step)) {
        if (isStepList(value)) visit(value, `${at}.${key}`);
        else if (key === 'variants' && Array.isArray(value))
          (value as Array<{ steps?: Step[] }>).forEach((variant, j) => visit(variant.steps ?? [], `${at}.variants.${j}.steps`));
        else if (MESSAGE_STEPS.has(step.action) && !NOT_CONTENT.has(key)) valuePaths(value, key, found);
      }
      for (const f of found) out.push({ path: `${at}.${f.path}`, field: f.path, value: f.value, stepId: step.id, stepName });
      const template = typeof step.template === 'string' ? templates.get(step.template) : undefined;
      if (template)
        for (const value of placeholdersIn(`${template.subject ?? ''}\n${template.body}`))
          out.push({ path: `${at}.template`, field: 'template', stepId: step.id, stepName, value, template: template.name ?? (step.template as string) });
    });
  visit(steps, 'steps');
  return out;
}

/** What stops activation, said so the person knows which step and which value to change. */
export function placeholderMessage(p: PlaceholderFound): string {
  const where = p.template ? `the template “${p.template}” of the “${p.stepName}” step` : `the “${p.stepName}” step`;
  const field = p.template ? '' : ` (${p.field.replace(/^variables\./, '')})`;
  return `Replace the example value ${p.value} in ${where}${field} with your own before activating.`;
}
