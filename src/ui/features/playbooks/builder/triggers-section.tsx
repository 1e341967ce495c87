'use client';
import { savedSegmentIdOfTrigger, savedTriggerSegment } from '@/domain/crm/saved-segment';
import { SEGMENTS } from '@/domain/crm/segments';
import type { Trigger } from '@/domain/playbooks/playbook';
import { Button } from '@/ui/primitives/button';
import { Card } from '@/ui/primitives/card';
import { describeTrigger } from '../describe-trigger';
import { useBuilder } from './builder-context';
import { ConditionInput } from './condition-input';
import { PathProblem, SelectInput } from './controls';
import { EventSelect } from './event-select';
import { ScheduleFields } from './schedule-fields';
import { useSavedSegmentNames } from '@/ui/features/playbooks/use-saved-segment-names';

const TYPES: Array<[Trigger['type'], string]> = [
  ['event', 'An event (an order, a signup, a checkout…)'],
  ['schedule', 'A schedule'],
  ['segment_entered', 'A customer entering a segment'],
  ['manual', 'By hand (Run now) or the API'],
];

function fresh(type: Trigger['type']): Trigger {
  if (type === 'event') return { type, eventName: 'order.created' };
  if (type === 'schedule') return { type, cron: '0 8 * * 1' };
  if (type === 'segment_entered') return { type, segment: 'VIP' };
  return { type: 'manual' };
}

/** The dispensary's saved segments by id, for the picker and the trigger's words (empty until loaded, or when none). */
export function TriggersSection({ triggers, onChange }: { triggers: Trigger[]; onChange: (t: Trigger[]) => void }) {
  const { readOnly, catalogue, timeZone } = useBuilder();
  const setAt = (i: number, t: Trigger) => onChange(triggers.map((x, j) => (j === i ? t : x)));
  const savedNames = useSavedSegmentNames();
  return (
    <Card aria-labelledby="triggers-heading" className="space-y-4">
      <div>
        <h2 id="triggers-heading" className="font-medium">
          Starts
        </h2>
        <p className="text-sm text-slate-600">What starts a run. A run follows one customer (or one order, checkout or product) through the steps.</p>
      </div>
      <PathProblem path="triggers" />
      {triggers.map((t, i) => {
        const path = `triggers.${i}`;
        const event = t.type === 'event' ? catalogue?.events.find((e) => e.name === t.eventName) : undefined;
        return (
          <section key={i} aria-label={`Trigger ${i + 1}`} className="space-y-3 rounded-md border border-slate-200 p-3">
            <p className="text-sm font-medium text-brand-900" aria-live="polite" data-testid={`trigger-words-${i}`}>
              {describeTrigger(t, timeZone, savedNames)}
            </p>
            <div className="flex flex-wrap items-end gap-3">
              <SelectInput path={`${path}.type`} label="Start on" value={t.type} onChange={(v) => setAt(i, fresh(v as Trigger['type']))} className="min-w-64">
                {TYPES.map(([v, l]) => (
                  <option key={v} value={v}>
                    {l}
                  </option>
                ))}
              </SelectInput>
              {!readOnly && triggers.length > 1 ? (
                <Button variant="ghost" className="mb-1 text-xs text-red-700" onClick={() => onChange(triggers.filter((_, j) => j !== i))}>
                  Remove trigger {i + 1}
                </Button>
              ) : null}
            </div>
            {t.type === 'event' ? (
              <>
                <EventSelect path={`${path}.eventName`} label="Event" value={t.eventName} onChange={(eventName) => setAt(i, { ...t, eventName })} />
                <ConditionInput
                  path={`${path}.filter`}
                  label="Only when"
                  optional
                  value={t.filter ?? ''}
                  onChange={(filter) => setAt(i, { ...t, filter })}
                  names={(event?.conditionFields ?? []).map((f) => ({ value: f.path, description: f.type }))}
                  hint="Runs start only for events where this is true."
                  eventName={t.eventName}
                />
              </>
            ) : null}
            {t.type === 'schedule' ? (
              <ScheduleFields path={path} cron={t.cron} timeZone={t.timeZone} onChange={(patch) => setAt(i, { ...t, ...patch })} />
            ) : null}
            {t.type === 'segment_entered' ? (
              <SelectInput
                path={`${path}.segment`}
                label="Segment"
                value={t.segment}
                onChange={(segment) => setAt(i, { ...t, segment })}
                hint="A run starts when a customer enters this segment: on an order or refund, overnight, or after the thresholds or the saved segment change."
              >
                <optgroup label="Segments">
                  {[...new Set([...SEGMENTS, ...(savedSegmentIdOfTrigger(t.segment) ? [] : [t.segment])])].map((name) => (
                    <option key={name} value={name}>
                      {name}
                    </option>
                  ))}
                </optgroup>
                <optgroup label="Saved segments">
                  {Object.entries(savedNames).map(([id, name]) => (
                    <option key={id} value={savedTriggerSegment(id)}>
                      {name}
                    </option>
                  ))}
                  {savedSegmentIdOfTrigger(t.segment) && !savedNames[savedSegmentIdOfTrigger(t.segment)!] ? (
                    <option value={t.segment}>A saved segment no longer listed</option>
                  ) : null}
                </optgroup>
              </SelectInput>
            ) : null}
            {t.type === 'manual' ? (
              <p className="text-sm text-slate-600">
                Start it from this page with “Run now” (for a customer or everyone with a tag), or with POST /api/playbooks/{'{id}'}/run.
              </p>
            ) : null}
          </section>
        );
      })}
      {!readOnly && triggers.length < 5 ? (
        <Button variant="secondary" onClick={() => onChange([...triggers, fresh('event')])}>
          + Add another trigger
        </Button>
      ) : null}
    </Card>
  );
}
