'use client';
import Link from 'next/link';
import { useRouter } from 'next/navigation';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { TEMPLATE_VARIABLES } from '@/domain/messaging/template-variables';
import { findPlaceholders, placeholderMessage } from '@/domain/playbooks/placeholders';
import { Card } from '@/ui/primitives/card';
import { StatusBadge } from '@/ui/primitives/status-badge';
import { ApiError, api } from '@/ui/primitives/api-client';
import { draftOf, emptyDraft, fingerprint, toDefinition } from '../draft';
import { DryRunPanel } from '../dry-run-panel';
import { RunLog } from '../run-log';
import type { Catalogue, Draft, PlaybookJson, Problem, TemplateOption, VersionJson } from '../types';
import { VersionsPanel } from '../versions-panel';
import { BuilderContext, type BuilderContextValue, type Suggestion } from './builder-context';
import { DetailsSection } from './details-section';
import { EditorActions } from './editor-actions';
import { EntryExitSection } from './entry-exit-section';
import { FlowDiagram } from './flow-diagram';
import { ProblemSummary } from './problem-summary';
import { StepList } from './step-list';
import { TriggersSection } from './triggers-section';
import { EditorTabs, type TabKey } from './editor-tabs';
import { ResultsPanel } from '../../analytics/results-panel';
import { isEmptinessProblem, useValidation, withSources } from './use-validation';

export interface EditorProps {
  initial: { playbook: PlaybookJson; versions: VersionJson[] } | null;
  canWrite: boolean;
  canPreview: boolean;
  timeZone: string;
  templates: TemplateOption[];
  initialTab?: TabKey;
  /** Owners and admins: the Results tab (revenue). */
  canSeeResults?: boolean;
}

const uniq = (list: Suggestion[]) => list.filter((n, i, all) => all.findIndex((m) => m.value === n.value) === i);

/**
 * The playbook builder: details, triggers, entry and exit rules and the step tree on the left,
 * the flow drawn from the unsaved draft on the right; dry run, execution log and versions in
 * their own tabs. Budtenders get the same page with every control disabled.
 */
export function PlaybookEditor({ initial, canWrite, canPreview, timeZone, templates, initialTab = 'design', canSeeResults = false }: EditorProps) {
  const router = useRouter();
  const readOnly = !canWrite;
  const [playbook, setPlaybook] = useState<PlaybookJson | null>(initial?.playbook ?? null);
  const [versions, setVersions] = useState<VersionJson[]>(initial?.versions ?? []);
  const [draft, setDraft] = useState<Draft>(() => (initial ? draftOf(initial.playbook) : emptyDraft()));
  const [saved, setSaved] = useState(() => fingerprint(toDefinition(initial ? draftOf(initial.playbook) : emptyDraft())));
  const [catalogue, setCatalogue] = useState<Catalogue | null>(null);
  const [catalogueError, setCatalogueError] = useState<string | null>(null);
  const [previewCustomer, setPreviewCustomer] = useState<{ id: string; label: string } | null>(null);
  const [showAll, setShowAll] = useState(false);
  const [announcement, setAnnouncement] = useState('');
  const [tab, setTab] = useState<TabKey>((initialTab === 'dry-run' && !canWrite) || (initialTab === 'results' && !canSeeResults) ? 'design' : initialTab);
  const { problems, checking, setProblems } = useValidation(draft, !readOnly);
  const summaryRef = useRef<HTMLDivElement>(null);
  const stepEls = useRef(new Map<string, HTMLElement>());

  const dirty = fingerprint(toDefinition(draft)) !== saved;
  // The server refuses to activate with these (and checks the templates too); saying so first saves a round trip.
  const placeholders = useMemo(() => findPlaceholders(draft.steps).map(placeholderMessage), [draft.steps]);

  useEffect(() => {
    api<Catalogue>('/api/playbooks/events')
      .then(setCatalogue)
      .catch((err: unknown) => setCatalogueError(err instanceof ApiError ? err.message : 'Could not load the event catalogue.'));
  }, []);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  const change = useCallback((patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch })), []);

  // Empty required fields are not scolded while someone is still filling the form in.
  const shown = useMemo(() => problems.filter((p) => showAll || !isEmptinessProblem(p)), [problems, showAll]);

  const names = useMemo(() => {
    const events = catalogue?.events ?? [];
    const triggerEvents = draft.triggers.flatMap((t) => (t.type === 'event' ? events.filter((e) => e.name === t.eventName) : []));
    const customerFields = (events[0]?.conditionFields ?? []).filter((f) => f.path.startsWith('customer.'));
    const condition = uniq([...triggerEvents.flatMap((e) => e.conditionFields), ...customerFields].map((f) => ({ value: f.path, description: f.type })));
    const template = TEMPLATE_VARIABLES.map((v) => ({ value: v.path, description: v.description }));
    return { condition, template, staff: uniq([...condition, ...template.filter((t) => !t.value.startsWith('unsubscribe'))]) };
  }, [catalogue, draft.triggers]);

  const ctx: BuilderContextValue = {
    readOnly,
    canPreview,
    catalogue,
    templates,
    timeZone,
    problemAt: (path) => shown.find((p) => p.path === path),
    previewCustomer,
    setPreviewCustomer,
    conditionNames: names.condition,
    templateNames: names.template,
    staffNames: names.staff,
    registerStep: (id, el) => {
      if (el) stepEls.current.set(id, el);
      else stepEls.current.delete(id);
    },
    focusStep: (id) =>
      requestAnimationFrame(() => {
        const el = stepEls.current.get(id);
        el?.scrollIntoView({ block: 'center' });
        el?.focus({ preventScroll: true });
      }),
    announce: setAnnouncement,
  };

  /** Saves the draft; answers the saved playbook, or null when the server found problems (shown and focused). */
  const save = async (): Promise<PlaybookJson | null> => {
    setShowAll(true);
    const definition = toDefinition(draft);
    try {
      const res = playbook
        ? await api<{ playbook: PlaybookJson }>(`/api/playbooks/${playbook.id}`, { method: 'PUT', body: definition })
        : await api<{ playbook: PlaybookJson }>('/api/playbooks', { body: definition });
      const next = res.playbook;
      // The server keeps step ids it is given, so the draft and the saved definition stay one.
      const savedDraft = draftOf(next);
      setDraft(savedDraft);
      setSaved(fingerprint(toDefinition(savedDraft)));
      setProblems([]);
      setPlaybook(next);
      if (!playbook) router.replace(`/dashboard/playbooks/${next.id}`);
      else refreshVersions(next.id);
      setAnnouncement(playbook ? `Saved as version ${next.version}.` : 'Saved as a draft.');
      return next;
    } catch (err) {
      if (err instanceof ApiError && err.status === 422) {
        const issues = (err.body.details?.issues ?? []) as Problem[];
        setProblems(withSources(issues.length ? issues : [{ path: '(root)', message: err.message }], draft));
        requestAnimationFrame(() => summaryRef.current?.focus());
        setTab('design');
        return null;
      }
      throw err;
    }
  };

  const refreshVersions = (id: string) => {
    api<{ playbook: PlaybookJson; versions: VersionJson[] }>(`/api/playbooks/${id}`)
      .then((r) => setVersions(r.versions))
      .catch(() => undefined);
  };

  const blocking = showAll ? shown : [];

  return (
    <BuilderContext.Provider value={ctx}>
      <p className="mb-2 text-sm">
        <Link href="/dashboard/playbooks" className="text-brand-700 hover:underline">
          ← Playbooks
        </Link>
      </p>
      <div className="mb-4 flex flex-wrap items-start justify-between gap-4">
        <div className="min-w-0">
          <h1 className="flex flex-wrap items-center gap-2 text-2xl font-semibold tracking-tight">
            <span className="truncate">{playbook ? playbook.name : 'New playbook'}</span>
            {playbook ? <StatusBadge kind="playbook" status={playbook.status} testId="playbook-status" /> : null}
            {playbook ? <span className="text-sm font-normal text-slate-500">version {playbook.version}</span> : null}
          </h1>
          <p className="mt-1 text-sm text-slate-600" aria-live="polite">
            {readOnly
              ? 'You can view this playbook; owners and admins edit it.'
              : dirty
                ? 'Unsaved changes.'
                : playbook
                  ? 'All changes saved.'
                  : 'Not saved yet.'}
            {checking ? <span className="ml-2 text-slate-600">Checking…</span> : null}
          </p>
        </div>
        {canWrite ? (
          <EditorActions
            playbook={playbook}
            dirty={dirty}
            save={save}
            onPlaybook={(p) => {
              setPlaybook(p);
              refreshVersions(p.id);
            }}
            announce={setAnnouncement}
            placeholders={placeholders}
            onRefused={(issues) => {
              setShowAll(true);
              setProblems(withSources(issues, draft));
              setTab('design');
              requestAnimationFrame(() => summaryRef.current?.focus());
            }}
          />
        ) : null}
      </div>
      <p role="status" aria-live="polite" className="sr-only" data-testid="builder-announcement">
        {announcement}
      </p>
      {catalogueError ? <p className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800">{catalogueError}</p> : null}
      <ProblemSummary ref={summaryRef} problems={blocking} />

      <EditorTabs current={tab} onChange={setTab} hasPlaybook={!!playbook} versions={versions.length} canDryRun={canWrite} canSeeResults={canSeeResults} />

      <div role="tabpanel" id="panel-design" aria-labelledby="tab-design" hidden={tab !== 'design'} className="grid gap-6 lg:grid-cols-[minmax(0,1fr)_22rem]">
        <fieldset disabled={readOnly} className="min-w-0 space-y-6">
          <legend className="sr-only">Playbook definition</legend>
          <DetailsSection draft={draft} onChange={change} />
          <TriggersSection triggers={draft.triggers} onChange={(triggers) => change({ triggers })} />
          <EntryExitSection draft={draft} onChange={change} />
          <Card aria-labelledby="steps-heading" className="space-y-3">
            <div>
              <h2 id="steps-heading" className="font-medium">
                Steps
              </h2>
              <p className="text-sm text-slate-600">
                Run top to bottom for each run. Waits park the run; branches run their own steps and then carry on below.
              </p>
            </div>
            <StepList steps={draft.steps} path="steps" depth={0} where="at the end" onChange={(steps) => change({ steps })} />
          </Card>
        </fieldset>
        <aside className="lg:sticky lg:top-4 lg:self-start">
          <Card>
            <FlowDiagram draft={draft} />
          </Card>
        </aside>
      </div>

      {canWrite ? (
        <div role="tabpanel" id="panel-dry-run" aria-labelledby="tab-dry-run" hidden={tab !== 'dry-run'}>
          <DryRunPanel
            draft={draft}
            playbookId={playbook?.id ?? null}
            canUseAi={canWrite}
            onProblems={(p) => {
              setShowAll(true);
              setProblems(withSources(p, draft));
            }}
          />
        </div>
      ) : null}

      {playbook ? (
        <>
          <div role="tabpanel" id="panel-runs" aria-labelledby="tab-runs" hidden={tab !== 'runs'}>
            {tab === 'runs' ? <RunLog scope={{ playbookId: playbook.id }} /> : null}
          </div>
          {canSeeResults ? (
            <div role="tabpanel" id="panel-results" aria-labelledby="tab-results" hidden={tab !== 'results'}>
              {tab === 'results' ? <ResultsPanel playbookId={playbook.id} /> : null}
            </div>
          ) : null}
          <div role="tabpanel" id="panel-versions" aria-labelledby="tab-versions" hidden={tab !== 'versions'}>
            <VersionsPanel
              versions={versions}
              current={playbook.version}
              readOnly={readOnly}
              onRestore={(v) => {
                setDraft((d) => draftOf({ ...v, description: d.description, ownerAgent: d.ownerAgent }));
                setTab('design');
                setAnnouncement(`Version ${v.version} loaded into the editor. Save to make it the newest version.`);
              }}
            />
          </div>
        </>
      ) : null}
    </BuilderContext.Provider>
  );
}
