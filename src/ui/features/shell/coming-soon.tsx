import { Card, PageHeader } from '@/ui/primitives/card';

/** A section whose capability is owned by a later issue says so plainly. */
export function ComingSoon({ title, what, children }: { title: string; what: string; children?: React.ReactNode }) {
  return (
    <>
      <PageHeader title={title} />
      <Card>
        <p className="font-medium">Not built yet</p>
        <p className="mt-2 max-w-2xl text-sm text-slate-600">{what}</p>
        {children}
      </Card>
    </>
  );
}
