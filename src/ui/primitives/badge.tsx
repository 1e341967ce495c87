import { cn } from './cn';

/**
 * What a badge's colour means, in one place: `success` went well, `info` is under way, `warning`
 * wants a look, `danger` went wrong, `neutral` is only a fact. Text is dark on a light tint (at
 * least 7:1), so the colour is never the only carrier of meaning: the word is.
 */
export type Tone = 'neutral' | 'info' | 'success' | 'warning' | 'danger';

export const TONE_CLASS: Record<Tone, string> = {
  neutral: 'bg-slate-100 text-slate-800',
  info: 'bg-sky-100 text-sky-900',
  success: 'bg-brand-100 text-brand-900',
  warning: 'bg-amber-100 text-amber-900',
  danger: 'bg-red-100 text-red-900',
};

/** A short label (a channel, a tag, a kind). For a status, use <StatusBadge>, which picks the words and the tone. */
export function Badge({
  tone = 'neutral',
  className,
  children,
  ...rest
}: { tone?: Tone; className?: string; children: React.ReactNode } & React.HTMLAttributes<HTMLSpanElement>) {
  return (
    <span
      {...rest}
      className={cn('inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-medium tracking-normal', TONE_CLASS[tone], className)}
    >
      {children}
    </span>
  );
}
