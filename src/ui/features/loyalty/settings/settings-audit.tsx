import type { LoyaltySettingsAudit } from '@/domain/loyalty/settings-audit';
import { Card } from '@/ui/primitives/card';
import { DataTable } from '@/ui/primitives/data-table';
import { Time } from '@/ui/primitives/time';

/** The latest changes to the programme: who, when, and each field before and after. */
export function SettingsAudit({ entries }: { entries: LoyaltySettingsAudit[] }) {
  return (
    <Card>
      <h2 className="font-medium">Recent changes</h2>
      {entries.length ? (
        <DataTable
          caption="Recent changes to the loyalty settings"
          rows={entries}
          rowKey={(a) => a.id}
          columns={[
            { key: 'at', header: 'When', primary: true, nowrap: true, cell: (a) => <Time value={a.at} style="short" /> },
            { key: 'who', header: 'Who', cell: (a) => <span className="wrap-anywhere">{a.actorEmail ?? a.actorUid}</span> },
            {
              key: 'what',
              header: 'What changed',
              cell: (a) => (
                <ul className="space-y-0.5 text-xs">
                  {a.changes.slice(0, 8).map((c) => (
                    <li key={c.path} className="wrap-anywhere">
                      <code>{c.path}</code>: {c.before} → {c.after}
                    </li>
                  ))}
                  {a.changes.length > 8 ? <li>and {a.changes.length - 8} more</li> : null}
                </ul>
              ),
            },
          ]}
        />
      ) : (
        <p className="mt-2 text-sm text-slate-600">No changes yet: the programme runs on its defaults.</p>
      )}
    </Card>
  );
}
