/** An outcome message: an alert when it is an error, a status otherwise. Place it inside a live region. */
export function NoticeText({ notice }: { notice: { tone: string; text: string } }) {
  return (
    <p
      role={notice.tone === 'error' ? 'alert' : 'status'}
      className={notice.tone === 'error' ? 'rounded-md bg-red-50 px-3 py-2 text-sm text-red-800' : 'rounded-md bg-brand-50 px-3 py-2 text-sm text-brand-900'}
    >
      {notice.text}
    </p>
  );
}

/** The outcome line under a form's title, in a live region so screen readers hear it. */
export function NoticeLine({ notice }: { notice: { tone: string; text: string } | null }) {
  return <div aria-live="polite">{notice ? <NoticeText notice={notice} /> : null}</div>;
}
