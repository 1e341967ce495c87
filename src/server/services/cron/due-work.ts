import type { Query, QueryDocumentSnapshot, QuerySnapshot } from 'firebase-admin/firestore';
import { firestore } from '../../db/firestore';
import type { CronDeps } from './cron-task';

/** One kind of document the tick finds due and works off: sends, deliveries, runs, checkouts, events, schedules. */
export interface DueScan<K extends string, P = undefined> {
  /** The collection under each tenant: scanned across tenants (a collection group), or under CronDeps.orgId alone. */
  collection: string;
  /** The due query on it: filters and an order, which paging continues after the last document of a page. */
  due(collection: Query, now: Date): Query;
  pageSize: number;
  /** Documents worked at once. */
  concurrency: number;
  /** Pages taken per call at most (unbounded: until the deadline); the rest stays due for the next tick. */
  maxPages?: number;
  /** What `work` can count a document as; each starts the report at 0. */
  outcomes: readonly K[];
  /**
   * Reads what a page's documents need, for all of them at once (one getAll instead of one read
   * per document); its result is handed to `work`. Optional.
   */
  preparePage?(docs: QueryDocumentSnapshot[]): Promise<P>;
  /**
   * Prepare a page as soon as it is fetched, while the one before is still worked (its copies are
   * then up to two pages' work old, not one). For work that only decides from them and writes
   * conditionally on the document itself.
   */
  prepareAhead?: boolean;
  /**
   * Hands back the documents of a prepared page the deadline left unworked (a page claimed as a
   * whole in preparePage releases the claims it will not use, so they are due again at once).
   */
  release?(docs: QueryDocumentSnapshot[], page: P): Promise<void>;
  /** Works one due document; returns what to count it as in the report (null: nothing). */
  work(doc: QueryDocumentSnapshot, orgId: string, page: P): Promise<K | null>;
}

export type DueReport<K extends string> = Record<K | 'due' | 'pages' | 'errors' | 'leftForNextTick', number>;

/**
 * The shape every tick task shares: query the due documents a page at a time (the next page is
 * fetched while this one is worked), work them `concurrency` at a time, and stop taking new ones
 * at the deadline; whatever is left stays due for the next tick. A document that fails is logged
 * and counted, and the rest carry on. Documents claimed or finished by someone else meanwhile are
 * for `work` to recognise (every claim is conditional).
 */
export async function workDue<K extends string, P = undefined>(deps: CronDeps, scan: DueScan<K, P>): Promise<DueReport<K>> {
  const report = { due: 0, pages: 0, errors: 0, leftForNextTick: 0, ...Object.fromEntries(scan.outcomes.map((k) => [k, 0])) } as DueReport<K>;
  const count = (key: K | 'errors') => (report[key] += 1);
  const base = deps.orgId ? firestore().collection(`tenants/${deps.orgId}/${scan.collection}`) : firestore().collectionGroup(scan.collection);
  const prepare = (snap: QuerySnapshot) => (scan.preparePage && !snap.empty ? scan.preparePage(snap.docs) : Promise.resolve(undefined as P));
  const fetchPage = async (after: QueryDocumentSnapshot | null): Promise<{ snap: QuerySnapshot; prepared?: Promise<P> }> => {
    const q = scan.due(base, deps.clock.now()).limit(scan.pageSize);
    const snap = await (after ? q.startAfter(after) : q).get();
    if (!scan.prepareAhead) return { snap };
    const prepared = prepare(snap);
    prepared.catch(() => undefined); // awaited (and its failure raised) when the page is worked
    return { snap, prepared };
  };

  const release = async (docs: QueryDocumentSnapshot[], prepared: P) => {
    if (!scan.release) return;
    try {
      await scan.release(docs, prepared);
    } catch (err) {
      // What was not released waits out its claim, as after a crash.
      deps.log.error({ err, collection: scan.collection, n: docs.length }, 'releasing the documents left for the next tick failed');
    }
  };

  let page: Promise<{ snap: QuerySnapshot; prepared?: Promise<P> }> | null = Date.now() < deps.deadline ? fetchPage(null) : null;
  while (page) {
    const { snap, prepared: ahead } = await page;
    if (snap.empty) break;
    report.pages += 1;
    report.due += snap.size;
    const full = snap.size === scan.pageSize;
    page = full && report.pages < (scan.maxPages ?? Infinity) && Date.now() < deps.deadline ? fetchPage(snap.docs.at(-1)!) : null;
    const prepared = await (ahead ?? prepare(snap));
    let next = 0;
    const left: QueryDocumentSnapshot[] = [];
    const worker = async () => {
      for (let i = next++; i < snap.docs.length; i = next++) {
        if (Date.now() >= deps.deadline) {
          report.leftForNextTick += 1;
          left.push(snap.docs[i]!);
          continue;
        }
        const doc = snap.docs[i]!;
        const [root, orgId] = doc.ref.path.split('/');
        if (root !== 'tenants' || !orgId) continue;
        try {
          const outcome = await scan.work(doc, orgId, prepared);
          if (outcome) count(outcome);
        } catch (err) {
          deps.log.error({ err, orgId, id: doc.id, collection: scan.collection }, 'working a due document failed');
          count('errors');
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(scan.concurrency, snap.size) }, worker));
    if (left.length) await release(left, prepared);
    if (Date.now() >= deps.deadline) {
      // Pages not reached are left for the next tick as they are; the one fetched ahead is dropped
      // (and handed back, when it was prepared ahead and preparing claimed it).
      const dropped = page;
      page = null;
      if (dropped && scan.prepareAhead && scan.release) {
        const ahead = await dropped.catch(() => null);
        const claimed = ahead && !ahead.snap.empty ? await ahead.prepared?.catch(() => undefined) : undefined;
        if (ahead && claimed !== undefined) await release(ahead.snap.docs, claimed);
      }
    }
  }
  return report;
}
