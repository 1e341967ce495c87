// Counts the billable Firestore operations this process makes, from the client's own request log
// (setLogFunction: every request and every streamed response, as JSON). Billing as Firestore bills:
// a document returned by a query or a lookup is a read (a lookup of a missing document too, and a
// query that matches nothing costs one read), each write in a commit is a write, each delete a delete.
import { setLogFunction } from 'firebase-admin/firestore';

export interface OperationCount {
  reads: number;
  writes: number;
  deletes: number;
  /** Round trips: queries, lookups and commits (not billed; they cost latency). */
  queries: number;
  lookups: number;
  commits: number;
}

const LINE = /^Firestore \([^)]*\) \S+ (\S+) \[([^\]]+)\]: (Sending request|Received response): (.*)$/s;

export function installOperationCounter() {
  let count = zero();
  /** Open queries by request tag, with how many documents each returned so far. */
  let queries = new Map<string, number>();

  setLogFunction((line: string) => {
    const m = LINE.exec(line);
    if (!m) return;
    const [, tag, , kind, json] = m as unknown as [string, string, string, string, string];
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(json) as Record<string, unknown>;
    } catch {
      return;
    }
    if (kind === 'Sending request') {
      if (Array.isArray(body.writes)) {
        count.commits++;
        for (const w of body.writes as Array<Record<string, unknown>>) {
          if (w.delete) count.deletes++;
          else count.writes++;
        }
      } else if (body.structuredQuery) {
        count.queries++;
        queries.set(`${tag}#${count.queries}`, 0);
      } else if (body.structuredAggregationQuery) {
        count.queries++;
        count.reads++; // one read per up to 1,000 index entries counted; ours count far fewer
      } else if (Array.isArray(body.documents)) {
        count.lookups++;
      }
      return;
    }
    if (body.document) {
      count.reads++;
      // A transaction sends its queries one after another under one tag: the newest is answering.
      const key = [...queries.keys()].reverse().find((k) => k.startsWith(`${tag}#`));
      if (key) queries.set(key, (queries.get(key) ?? 0) + 1);
    } else if (body.found || body.missing) count.reads++;
  });

  return {
    /** The operations so far; a query that returned nothing is billed as one read. */
    snapshot(): OperationCount {
      const empty = [...queries.values()].filter((n) => n === 0).length;
      return { ...count, reads: count.reads + empty };
    },
    reset() {
      count = zero();
      queries = new Map();
    },
    uninstall() {
      setLogFunction(null);
    },
  };
}

function zero(): OperationCount {
  return { reads: 0, writes: 0, deletes: 0, queries: 0, lookups: 0, commits: 0 };
}
