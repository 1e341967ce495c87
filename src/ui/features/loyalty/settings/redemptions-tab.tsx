'use client';
import { Button } from '@/ui/primitives/button';
import { Field } from '@/ui/primitives/field';
import { Check, MoneyField, NumberField, RowErrors, type TabProps } from './settings-fields';

export function RedemptionsTab({ s, update, errors, readOnly }: TabProps) {
  const r = s.redemptions;
  const e = (k: string) => errors[`redemptions.${k}`];
  return (
    <div className="space-y-5">
      <NumberField
        label="Coupon validity (days)"
        min={1}
        value={r.couponValidDays}
        onValue={(n) => update((d) => void (d.redemptions.couponValidDays = n))}
        error={e('couponValidDays')}
        hint="How long a coupon from a redeemed reward can be used."
      />
      <RowErrors errors={errors} prefix="redemptions.rewards" />
      <ol className="space-y-4">
        {r.rewards.map((reward, i) => (
          <li key={i} className="rounded-md border border-slate-200 p-4" data-testid={`reward-${i}`}>
            <div className="flex flex-wrap items-center justify-between gap-2">
              <h3 className="font-medium">{reward.description || `Reward ${i + 1}`}</h3>
              {!readOnly ? (
                <Button variant="ghost" onClick={() => update((d) => void d.redemptions.rewards.splice(i, 1))}>
                  Remove {reward.description || `reward ${i + 1}`}
                </Button>
              ) : null}
            </div>
            <RowErrors errors={errors} prefix={`redemptions.rewards.${i}`} />
            <div className="mt-3 grid gap-3 sm:grid-cols-3">
              <NumberField
                label="Points cost"
                min={1}
                value={reward.pointsCost}
                onValue={(n) => update((d) => void (d.redemptions.rewards[i]!.pointsCost = n))}
                error={e(`rewards.${i}.pointsCost`)}
              />
              <MoneyField
                label="Reward value ($)"
                cents={reward.rewardValueCents}
                onCents={(c) => update((d) => void (d.redemptions.rewards[i]!.rewardValueCents = c))}
                error={e(`rewards.${i}.rewardValueCents`)}
              />
              <Field
                label="Description"
                value={reward.description}
                onChange={(ev) => update((d) => void (d.redemptions.rewards[i]!.description = ev.target.value))}
                error={e(`rewards.${i}.description`)}
              />
              <Check label="Active" checked={reward.active} onChange={(v) => update((d) => void (d.redemptions.rewards[i]!.active = v))} />
            </div>
          </li>
        ))}
      </ol>
      {!readOnly && r.rewards.length < 20 ? (
        <Button
          variant="secondary"
          onClick={() =>
            update((d) =>
              d.redemptions.rewards.push({
                id: `reward-${Date.now().toString(36)}`,
                pointsCost: 100,
                rewardValueCents: 500,
                description: '$5 off your order',
                active: true,
              }),
            )
          }
        >
          Add a reward
        </Button>
      ) : null}
    </div>
  );
}
