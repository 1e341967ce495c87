/** A small SVG bar chart with its numbers also given as a table for screen readers. */
export function BarChart({ title, data, format }: { title: string; data: Array<{ label: string; value: number }>; format: (v: number) => string }) {
  const max = Math.max(1, ...data.map((d) => d.value));
  const w = 640;
  const h = 180;
  const gap = 6;
  const barW = (w - gap * (data.length - 1)) / Math.max(1, data.length);
  return (
    <figure>
      <figcaption className="mb-3 text-sm font-medium text-slate-700">{title}</figcaption>
      <svg viewBox={`0 0 ${w} ${h + 24}`} className="h-auto w-full" role="img" aria-label={title}>
        {data.map((d, i) => {
          const bh = Math.round((d.value / max) * h);
          const x = i * (barW + gap);
          return (
            <g key={d.label}>
              <title>{`${d.label}: ${format(d.value)}`}</title>
              <rect x={x} y={h - bh} width={barW} height={Math.max(bh, 1)} rx={3} className="fill-brand-500" />
              <text x={x + barW / 2} y={h + 16} textAnchor="middle" className="fill-slate-500 text-[10px]">
                {d.label}
              </text>
            </g>
          );
        })}
      </svg>
      <table className="sr-only">
        <caption>{title}</caption>
        <tbody>
          {data.map((d) => (
            <tr key={d.label}>
              <th scope="row">{d.label}</th>
              <td>{format(d.value)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
