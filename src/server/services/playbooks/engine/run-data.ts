import { z } from 'zod';
import { CustomerSchema } from '@/domain/customer';
import { getEventSchema, isEventName } from '@/domain/events/catalogue';
import { EventSourceSchema } from '@/domain/events/event-data';
import { T, typeFromZod, withNullableType, type Type, type TypeEnv } from '@/domain/playbooks/expression';
import type { Trigger } from '@/domain/playbooks/playbook';
import type { PlaybookRun } from '@/domain/playbooks/run';

const customerType = typeFromZod(CustomerSchema.omit({ searchName: true, searchKeys: true }));

const eventEnvelope = (data: Type): Type => T.object({ name: T.string, occurredAt: T.date, source: typeFromZod(EventSourceSchema), id: T.string, data });

/**
 * What a condition or template may refer to for a trigger: the customer's current profile as
 * `customer`, the event as `event` (with `event.data`), and the event's entities at the top
 * level (`order`, `checkout`, `product` ...), so `order.total >= 100` reads naturally.
 */
export function typeEnvForTrigger(trigger: Trigger): TypeEnv {
  const env: TypeEnv = { vars: T.any };
  if (trigger.type === 'event' && isEventName(trigger.eventName)) {
    const dataType = typeFromZod(getEventSchema(trigger.eventName) as z.ZodType);
    env.event = eventEnvelope(dataType);
    if (dataType.kind === 'object') for (const [k, t] of Object.entries(dataType.fields)) if (k !== 'customer') env[k] = t;
    env.customer = withNullableType(customerType);
  } else if (trigger.type === 'schedule') {
    env.customer = withNullableType(customerType);
  } else {
    env.customer = customerType;
  }
  return env;
}

function withoutNullable(t: Type): string {
  return JSON.stringify(t, (k, v) => (k === 'nullable' ? undefined : v));
}

/**
 * The types every trigger of a playbook shares, for steps that run whichever trigger started the
 * run. A name typed alike by every trigger keeps its type (nullable if any trigger says so);
 * names typed differently become `any`. Triggers naming unknown events are left out (they are
 * reported on their own).
 */
export function typeEnvForTriggers(triggers: Trigger[]): TypeEnv {
  const usable = triggers.filter((t) => t.type !== 'event' || isEventName(t.eventName));
  const envs = (usable.length ? usable : triggers).map(typeEnvForTrigger);
  if (envs.length === 1) return envs[0]!;
  const shared: TypeEnv = {};
  for (const key of Object.keys(envs[0]!)) {
    if (!envs.every((e) => key in e)) continue;
    const types = envs.map((e) => e[key]!);
    const same = types.every((t) => withoutNullable(t) === withoutNullable(types[0]!));
    shared[key] = !same ? T.any : types.some((t) => 'nullable' in t && t.nullable) ? withNullableType(types[0]!) : types[0]!;
  }
  return shared;
}

/** The data a run's conditions and templates see, from its stored context and the current profile. */
export function runData(run: Pick<PlaybookRun, 'context'>, customer: Record<string, unknown> | null): Record<string, unknown> {
  const event = run.context.event;
  const data = (event?.data as Record<string, unknown> | undefined) ?? {};
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(data)) if (k !== 'customer') out[k] = v;
  out.event = event;
  out.customer = customer ?? run.context.customer;
  out.vars = run.context.vars;
  return out;
}
