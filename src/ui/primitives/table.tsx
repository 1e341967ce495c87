import { cn } from './cn';

/** A plain, accessible data table: real <table> semantics, a caption for screen readers. */
export function Table({ caption, children, className }: { caption: string; children: React.ReactNode; className?: string }) {
  return (
    <div className={cn('overflow-x-auto rounded-lg border border-slate-200 bg-white shadow-sm', className)}>
      <table className="min-w-full divide-y divide-slate-200 text-sm">
        <caption className="sr-only">{caption}</caption>
        {children}
      </table>
    </div>
  );
}

export function Th({ children, className, align = 'left' }: { children?: React.ReactNode; className?: string; align?: 'left' | 'right' }) {
  return (
    <th scope="col" className={cn('bg-slate-50 px-4 py-2.5 font-medium text-slate-600', align === 'right' ? 'text-right' : 'text-left', className)}>
      {children}
    </th>
  );
}

export function Td({ children, className, align = 'left' }: { children?: React.ReactNode; className?: string; align?: 'left' | 'right' }) {
  return <td className={cn('px-4 py-2.5 align-middle', align === 'right' ? 'text-right tabular-nums' : '', className)}>{children}</td>;
}
