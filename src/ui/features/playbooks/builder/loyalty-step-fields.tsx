'use client';
import { NumberInput, SelectInput, TextInput } from './controls';
import type { FieldsProps } from './step-fields';

export function AwardPointsFields({ step, path, set }: FieldsProps) {
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <NumberInput
        path={`${path}.points`}
        label="Bonus points"
        min={1}
        max={100_000}
        value={step.points as number | undefined}
        onChange={(v) => set({ points: v })}
        hint="Whole points, 1 to 100,000. Given once per run."
      />
      <TextInput
        path={`${path}.reason`}
        label="Reason (shown in the customer's points history)"
        value={step.reason as string | undefined}
        onChange={(v) => set({ reason: v || undefined })}
        maxLength={200}
        className="sm:col-span-2"
        hint="For example “Thanks for your review”. Empty: “Bonus from” and the playbook's name."
      />
    </div>
  );
}

type Offer = { valueCents?: number; description?: string };

/** A programme reward by its id, or a dollar value and description of the step's own. */
export function IssueCouponFields({ step, path, set }: FieldsProps) {
  const own = step.offer !== undefined;
  const offer = (step.offer as Offer | undefined) ?? {};
  return (
    <div className="grid gap-3 sm:grid-cols-3">
      <SelectInput
        path={`${path}.kind`}
        label="The coupon is"
        value={own ? 'own' : 'reward'}
        onChange={(v) =>
          set(
            v === 'own'
              ? { rewardId: undefined, offer: { valueCents: 500, description: '$5 off your next order' } }
              : { offer: undefined, rewardId: 'five-off' },
          )
        }
      >
        <option value="reward">One of the programme&rsquo;s rewards</option>
        <option value="own">A value set here</option>
      </SelectInput>
      {own ? (
        <>
          <NumberInput
            path={`${path}.offer.valueCents`}
            label="Worth (dollars)"
            min={0.01}
            max={10_000}
            value={offer.valueCents === undefined ? undefined : offer.valueCents / 100}
            onChange={(v) => set({ offer: { ...offer, valueCents: v === undefined ? undefined : Math.round(v * 100) } })}
          />
          <TextInput
            path={`${path}.offer.description`}
            label="What the customer reads"
            value={offer.description}
            onChange={(v) => set({ offer: { ...offer, description: v } })}
            maxLength={120}
          />
        </>
      ) : (
        <TextInput
          path={`${path}.rewardId`}
          label="Reward"
          value={step.rewardId as string | undefined}
          onChange={(v) => set({ rewardId: v })}
          maxLength={40}
          className="sm:col-span-2"
          hint="The reward's id under Settings → Loyalty → Redemptions (five-off, ten-off, twenty-five-off by default). Its value includes the customer's tier bonus, as at the counter; no points are spent."
        />
      )}
      <NumberInput
        path={`${path}.validDays`}
        label="Valid for (days)"
        min={1}
        max={365}
        value={step.validDays as number | undefined}
        onChange={(v) => set({ validDays: v })}
        hint="Later messages show it as {{ offer.code }}, {{ offer.description }} and {{ offer.expires }}."
      />
    </div>
  );
}
