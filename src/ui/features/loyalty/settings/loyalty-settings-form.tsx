'use client';
import { useEffect, useState } from 'react';
import type { LoyaltySettingsAudit } from '@/domain/loyalty/settings-audit';
import { ApiError, api } from '@/ui/primitives/api-client';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { Tabs } from '@/ui/primitives/tabs';
import { MenuTab } from './menu-tab';
import { PointsTab } from './points-tab';
import { RedemptionsTab } from './redemptions-tab';
import { SegmentsTab, type RecomputeProgress } from './segments-tab';
import { SettingsAudit } from './settings-audit';
import type { Body } from './settings-fields';
import { TiersTab } from './tiers-tab';
import { NoticeLine } from '@/ui/primitives/notice';

const TABS = [
  { id: 'points', label: 'Points', section: 'points' },
  { id: 'tiers', label: 'Tiers', section: 'tiers' },
  { id: 'segments', label: 'Segments', section: 'segments' },
  { id: 'redemptions', label: 'Redemptions', section: 'redemptions' },
  { id: 'menu', label: 'Menu Display', section: 'menu' },
] as const;

export function LoyaltySettingsForm({
  initial,
  audit: initialAudit,
  readOnly,
  menuUrl,
  recompute: initialRecompute = null,
}: {
  initial: Body;
  audit: LoyaltySettingsAudit[];
  readOnly: boolean;
  menuUrl: string;
  recompute?: RecomputeProgress | null;
}) {
  const [s, setS] = useState<Body>(initial);
  const [tab, setTab] = useState<string>('points');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [notice, setNotice] = useState<{ tone: 'ok' | 'error'; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [audit, setAudit] = useState(initialAudit);
  const [recompute, setRecompute] = useState<RecomputeProgress | null>(initialRecompute);
  const running = recompute?.status === 'running';
  // While customers are placed again the bar follows the job; the rest of the page stays usable.
  useEffect(() => {
    if (!running) return;
    const timer = setInterval(() => {
      api<{ segmentRecompute: RecomputeProgress | null }>('/api/settings/loyalty')
        .then((r) => setRecompute(r.segmentRecompute))
        .catch(() => undefined);
    }, 2_000);
    return () => clearInterval(timer);
  }, [running]);
  const update = (change: (draft: Body) => void) =>
    setS((prev) => {
      const next = structuredClone(prev);
      change(next);
      return next;
    });

  async function save(e: React.FormEvent) {
    e.preventDefault();
    setBusy(true);
    setErrors({});
    try {
      const res = await api<{ settings: Body; audit: LoyaltySettingsAudit | null; segmentRecompute: RecomputeProgress | null }>('/api/settings/loyalty', {
        method: 'PUT',
        body: s,
      });
      setS(res.settings);
      if (res.segmentRecompute) setRecompute(res.segmentRecompute);
      if (res.audit) setAudit((a) => [{ ...res.audit!, at: new Date(res.audit!.at) }, ...a].slice(0, 20));
      setNotice({ tone: 'ok', text: res.audit ? 'Loyalty settings saved. The next order and the public menu use them.' : 'Nothing had changed.' });
    } catch (err) {
      const fieldErrors = err instanceof ApiError ? err.fieldErrors() : {};
      setErrors(fieldErrors);
      const first = TABS.find((t) => Object.keys(fieldErrors).some((p) => p.startsWith(`${t.section}.`) || p === t.section));
      if (first) setTab(first.id);
      const count = Object.keys(fieldErrors).length;
      setNotice({
        tone: 'error',
        text: count
          ? `Not saved: ${count} ${count === 1 ? 'field needs' : 'fields need'} a change (marked below).`
          : err instanceof ApiError
            ? err.message
            : 'Could not save. Try again.',
      });
    } finally {
      setBusy(false);
    }
  }

  const flagged = (section: string) => Object.keys(errors).some((p) => p.startsWith(`${section}.`) || p === section);
  const props = { s, update, errors, readOnly };
  return (
    <div className="space-y-6">
      {readOnly ? (
        <p role="note" className="rounded-md bg-slate-100 px-3 py-2 text-sm text-slate-700">
          You can read the loyalty programme. Only owners change it.
        </p>
      ) : null}
      <NoticeLine notice={notice} />
      <form onSubmit={save} noValidate>
        <Card>
          <Tabs label="Loyalty settings" tabs={TABS.map((t) => ({ id: t.id, label: t.label, flagged: flagged(t.section) }))} selected={tab} onSelect={setTab}>
            <fieldset disabled={readOnly} className="min-w-0">
              {tab === 'points' ? <PointsTab {...props} /> : null}
              {tab === 'tiers' ? <TiersTab {...props} /> : null}
              {tab === 'segments' ? <SegmentsTab {...props} recompute={recompute} /> : null}
              {tab === 'redemptions' ? <RedemptionsTab {...props} /> : null}
              {tab === 'menu' ? <MenuTab {...props} menuUrl={menuUrl} /> : null}
            </fieldset>
          </Tabs>
          {!readOnly ? (
            <div className="mt-6 flex justify-end">
              <Button type="submit" disabled={busy}>
                {busy ? 'Saving…' : 'Save loyalty settings'}
              </Button>
            </div>
          ) : null}
        </Card>
      </form>
      <SettingsAudit entries={audit} />
    </div>
  );
}
