/**
 * A time-series line chart (uPlot: small, fast, canvas-drawn). `x` is seconds since the epoch; each series is
 * one line (null: no value in that bucket). The chart is created once and given new data on change; it
 * follows its container's width.
 */
import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
}

const PALETTE = ['#4f46e5', '#0d9488', '#d97706', '#dc2626', '#7c3aed', '#2563eb', '#15803d', '#be185d'];

export function TimeChart({ title, x, series, unit, testId, range, height = 180 }: {
  title: string;
  x: number[];
  series: ChartSeries[];
  unit: string;
  testId: string;
  /** The time axis, seconds since the epoch (the whole window, also when data covers part of it). */
  range: [number, number];
  height?: number;
}) {
  const rangeRef = useRef(range);
  rangeRef.current = range;
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | undefined>(undefined);
  const shape = series.map((s) => s.label).join('\u0000');

  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const options: uPlot.Options = {
      width: Math.max(200, element.clientWidth),
      height,
      legend: { show: true },
      scales: { x: { time: true, range: () => rangeRef.current } },
      axes: [{}, { label: unit, size: 56 }],
      series: [{}, ...series.map((s, i) => ({ label: s.label, stroke: PALETTE[i % PALETTE.length], width: 2, spanGaps: false, points: { show: true, size: 6 } }))],
    };
    plot.current = new uPlot(options, [x, ...series.map((s) => s.values)] as uPlot.AlignedData, element);
    const resize = new ResizeObserver(() => plot.current?.setSize({ width: Math.max(200, element.clientWidth), height }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = undefined;
    };
    // Recreated only when the set of series changes; data changes go through setData below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [shape, unit, height]);

  useEffect(() => {
    plot.current?.setData([x, ...series.map((s) => s.values)] as uPlot.AlignedData);
  }, [x, series]);

  return (
    <figure className="lf-chart" data-testid={testId}>
      <figcaption className="lf-chart__title">{title}</figcaption>
      <div ref={box} className="lf-chart__plot" />
    </figure>
  );
}
