import { useEffect, useRef } from 'react';
import type { PlotTrace } from 'plotly.js-cartesian-dist-min';

/**
 * A line chart drawn on a canvas, for curves that grow while training runs (the loss curve).
 * Redrawing a plotly chart costs about 100 ms of main-thread work on a slow machine (mostly its
 * SVG axis labels), so every loss readback would stall the page; this draws the same lines in
 * about a millisecond. The interactive plotly chart takes over once training ends.
 */
const HEIGHT = 220;
const MARGIN = { l: 56, r: 12, t: 22, b: 40 };

export function LiveLinePlot(props: { traces: PlotTrace[]; xTitle: string; yTitle: string; label: string; logY?: boolean; testId?: string }) {
  const { traces, xTitle, yTitle, label, logY = false, testId } = props;
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (ref.current) draw(ref.current, traces, xTitle, yTitle, logY);
    });
    return () => cancelAnimationFrame(frame);
  }, [traces, xTitle, yTitle, logY]);
  return (
    <div className="plot live-plot" data-testid={testId} data-traces={traces.length} data-points={traces.reduce((n, t) => n + t.x.length, 0)}>
      <canvas ref={ref} role="img" aria-label={label} style={{ width: '100%', height: HEIGHT, display: 'block' }} />
    </div>
  );
}

function draw(canvas: HTMLCanvasElement, traces: PlotTrace[], xTitle: string, yTitle: string, logY: boolean): void {
  const dpr = window.devicePixelRatio || 1;
  const width = canvas.clientWidth || 400;
  if (canvas.width !== Math.round(width * dpr) || canvas.height !== Math.round(HEIGHT * dpr)) {
    canvas.width = Math.round(width * dpr);
    canvas.height = Math.round(HEIGHT * dpr);
  }
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, HEIGHT);
  const ink = getComputedStyle(canvas).color || '#334';
  ctx.font = '12px system-ui, sans-serif';
  ctx.fillStyle = ink;
  ctx.strokeStyle = ink;

  const fy = (v: number) => (logY ? Math.log10(v) : v);
  let x0 = Infinity;
  let x1 = -Infinity;
  let y0 = Infinity;
  let y1 = -Infinity;
  for (const t of traces) {
    const xs = t.x as ArrayLike<number>;
    const ys = (t.y ?? []) as ArrayLike<number>;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y) || (logY && y <= 0)) continue;
      x0 = Math.min(x0, xs[i]!);
      x1 = Math.max(x1, xs[i]!);
      y0 = Math.min(y0, fy(y));
      y1 = Math.max(y1, fy(y));
    }
  }
  if (!Number.isFinite(x0)) return;
  if (x1 === x0) x1 = x0 + 1;
  if (y1 === y0) [y0, y1] = [y0 - 0.5, y1 + 0.5];
  const pad = (y1 - y0) * 0.05;
  y0 -= pad;
  y1 += pad;
  const plotW = width - MARGIN.l - MARGIN.r;
  const plotH = HEIGHT - MARGIN.t - MARGIN.b;
  const px = (x: number) => MARGIN.l + ((x - x0) / (x1 - x0)) * plotW;
  const py = (v: number) => MARGIN.t + (1 - (v - y0) / (y1 - y0)) * plotH;

  // Axes, ticks and titles.
  ctx.globalAlpha = 0.5;
  ctx.lineWidth = 1;
  ctx.beginPath();
  ctx.moveTo(MARGIN.l, MARGIN.t);
  ctx.lineTo(MARGIN.l, MARGIN.t + plotH);
  ctx.lineTo(MARGIN.l + plotW, MARGIN.t + plotH);
  ctx.stroke();
  ctx.globalAlpha = 1;
  ctx.textAlign = 'right';
  ctx.textBaseline = 'middle';
  for (let i = 0; i <= 4; i++) {
    const v = y0 + ((y1 - y0) * i) / 4;
    const value = logY ? 10 ** v : v;
    ctx.fillText(value.toPrecision(2), MARGIN.l - 6, py(v));
  }
  ctx.textAlign = 'center';
  ctx.textBaseline = 'top';
  for (let i = 0; i <= 4; i++) {
    const x = x0 + ((x1 - x0) * i) / 4;
    ctx.fillText(String(Math.round(x)), px(x), MARGIN.t + plotH + 4);
  }
  ctx.fillText(xTitle, MARGIN.l + plotW / 2, HEIGHT - 16);
  ctx.save();
  ctx.translate(12, MARGIN.t + plotH / 2);
  ctx.rotate(-Math.PI / 2);
  ctx.fillText(logY ? `${yTitle} (log)` : yTitle, 0, -4);
  ctx.restore();

  // Lines, and a legend along the top.
  let legendX = MARGIN.l;
  traces.forEach((t, k) => {
    const colour = t.line?.color ?? ['#3b5bdb', '#e8590c', '#2f9e44', '#ae3ec9', '#1098ad'][k % 5]!;
    const xs = t.x as ArrayLike<number>;
    const ys = (t.y ?? []) as ArrayLike<number>;
    ctx.strokeStyle = colour;
    ctx.lineWidth = t.line?.width ?? 2;
    ctx.beginPath();
    let pen = false;
    for (let i = 0; i < xs.length; i++) {
      const y = ys[i]!;
      if (!Number.isFinite(y) || (logY && y <= 0)) {
        pen = false;
        continue;
      }
      if (pen) ctx.lineTo(px(xs[i]!), py(fy(y)));
      else ctx.moveTo(px(xs[i]!), py(fy(y)));
      pen = true;
    }
    ctx.stroke();
    if (t.name) {
      ctx.fillStyle = colour;
      ctx.fillRect(legendX, 6, 14, 3);
      ctx.fillStyle = ink;
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      ctx.fillText(t.name, legendX + 18, 8);
      legendX += 18 + ctx.measureText(t.name).width + 14;
    }
  });
}
