import type { Campaign } from '@/domain/crm/campaign';
import type { Playbook, PlaybookVersion } from '@/domain/playbooks/playbook';
import type { PlaybookRun } from '@/domain/playbooks/run';
import type { StoredSendSource } from '@/domain/messaging/send';
import { bareSourceName, stepPosition, type SendSourceName } from '@/domain/messaging/send-source';
import type { ServiceContext } from '../../context';
import { firestore } from '../../db/firestore';
import { tenantDb } from '../../db/tenant-db';

/**
 * Readable names for where a page of sends came from ("Abandoned cart reminder, step 2: Send email"),
 * keyed by send id. Batched, never one read per row: the runs and playbooks in one getAll, then the
 * versions runs started on when the playbook has moved on since (step ids and labels may differ).
 */
export async function sendSourceNames(
  ctx: Pick<ServiceContext, 'orgId'>,
  sends: ReadonlyArray<{ id: string; source: StoredSendSource }>,
): Promise<Record<string, SendSourceName>> {
  const db = tenantDb(ctx.orgId);
  const playbookSources = sends.flatMap((s) => (s.source.type === 'playbook' ? [s.source] : []));
  const runIds = [...new Set(playbookSources.map((s) => s.runId))];
  const knownPlaybookIds = [...new Set(playbookSources.flatMap((s) => (s.playbookId ? [s.playbookId] : [])))];
  const runs = new Map<string, PlaybookRun>();
  const playbooks = new Map<string, Playbook>();
  // The refs carry the validating converters; getAll's typing just does not say so.
  const load = async (runRefs: string[], playbookRefs: string[]) => {
    const refs = [...runRefs.map((id) => db.runs.doc(id)), ...playbookRefs.map((id) => db.playbooks.doc(id))];
    if (!refs.length) return;
    const snaps = await firestore().getAll(...refs);
    snaps.forEach((s, i) => {
      if (!s.exists) return;
      if (i < runRefs.length) runs.set(s.id, s.data() as PlaybookRun);
      else playbooks.set(s.id, s.data() as Playbook);
    });
  };
  await load(runIds, knownPlaybookIds);
  // Sends recorded before sources carried the playbook id: their runs name it.
  const late = [...new Set([...runs.values()].map((r) => r.playbookId))].filter((id) => !knownPlaybookIds.includes(id));
  await load([], late);

  const versionKey = (r: PlaybookRun) => `${r.playbookId}/${r.version}`;
  const neededVersions = [
    ...new Map([...runs.values()].filter((r) => playbooks.get(r.playbookId)?.version !== r.version).map((r) => [versionKey(r), r])).values(),
  ];
  const versions = new Map<string, PlaybookVersion>();
  if (neededVersions.length) {
    const snaps = await firestore().getAll(...neededVersions.map((r) => db.playbookVersions(r.playbookId).doc(String(r.version))));
    snaps.forEach((s, i) => {
      if (s.exists) versions.set(versionKey(neededVersions[i]!), s.data() as PlaybookVersion);
    });
  }

  const campaignIds = [...new Set(sends.flatMap((s) => (s.source.type === 'campaign' ? [s.source.id] : [])))];
  const campaignNames = new Map<string, string>();
  if (campaignIds.length) {
    const snaps = await firestore().getAll(...campaignIds.map((id) => db.campaigns.doc(id)));
    for (const snap of snaps) if (snap.exists) campaignNames.set(snap.id, (snap.data() as Campaign).name);
  }

  const out: Record<string, SendSourceName> = {};
  for (const send of sends) {
    const src = send.source;
    if (src.type === 'campaign') {
      out[send.id] = { type: 'campaign', id: src.id, name: campaignNames.get(src.id) ?? null };
      continue;
    }
    if (src.type !== 'playbook') {
      out[send.id] = bareSourceName(src);
      continue;
    }
    const run = runs.get(src.runId);
    const playbookId = src.playbookId ?? run?.playbookId ?? '';
    const playbook = playbooks.get(playbookId);
    const steps = run && playbook?.version !== run.version ? versions.get(versionKey(run))?.steps : playbook?.steps;
    const position = steps ? stepPosition(steps, src.stepId) : null;
    out[send.id] = {
      type: 'playbook',
      playbookId,
      playbookName: playbook?.name ?? run?.playbookName ?? 'A playbook that was deleted',
      playbookExists: !!playbook,
      runId: src.runId,
      stepId: src.stepId,
      stepNumber: position?.number ?? null,
      stepLabel: position?.label ?? null,
    };
  }
  return out;
}
