// A grouped bar chart drawn by Chart.js on a canvas. Chart.js was chosen for being well kept, MIT,
// tree-shakeable (only the bar chart's parts are registered below) and for printing as it shows: with
// animation off the canvas is complete at once, and drawn at three device pixels per CSS pixel it
// stays sharp in the PDF. The chart's figures are also given in words (aria-label and the fallback
// content), so a screen reader and a text search of the PDF's page find them.
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  Title,
  Tooltip,
} from 'chart.js';
import { useEffect, useRef } from 'react';

Chart.register(BarController, BarElement, CategoryScale, LinearScale, Legend, Title, Tooltip);

export interface ChartSeries {
  readonly label: string;
  readonly values: readonly number[];
  /** A colour that stays distinct printed in grey. */
  readonly color: string;
}

export interface BarChartProps {
  readonly title: string;
  readonly axisLabel: string;
  readonly labels: readonly string[];
  readonly series: readonly ChartSeries[];
  /** The figures in words, one sentence per label. */
  readonly summary: readonly string[];
  readonly width?: number;
  readonly height?: number;
}

/** Category labels are wrapped under the bars, at most this many characters a line and three lines. */
const LINE_CHARS = 26;
const MAX_LINES = 3;

/** A long service name as a few lines (Chart.js draws an array as lines), cut with an ellipsis. */
export function wrapLabel(label: string): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of label.split(/\s+/).filter((w) => w !== '')) {
    if (line !== '' && line.length + 1 + word.length > LINE_CHARS) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  if (lines.length <= MAX_LINES) return lines;
  const kept = lines.slice(0, MAX_LINES);
  const last = kept[MAX_LINES - 1] ?? '';
  kept[MAX_LINES - 1] = `${last.slice(0, LINE_CHARS - 1)}…`;
  return kept;
}

export function BarChart({
  title,
  axisLabel,
  labels,
  series,
  summary,
  width = 520,
  height = 300,
}: BarChartProps) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // Rebuilt only when what it shows changes (the props are new arrays on every render).
  const spec = JSON.stringify({ title, axisLabel, labels, series });
  useEffect(() => {
    const element = canvas.current;
    if (!element) return;
    const shown = JSON.parse(spec) as Pick<
      BarChartProps,
      'title' | 'axisLabel' | 'labels' | 'series'
    >;
    const chart = new Chart(element, {
      type: 'bar',
      data: {
        labels: shown.labels.map(wrapLabel),
        datasets: shown.series.map((s) => ({
          label: s.label,
          data: [...s.values],
          backgroundColor: s.color,
          borderColor: s.color,
        })),
      },
      options: {
        responsive: false,
        animation: false,
        devicePixelRatio: 3,
        plugins: {
          title: { display: true, text: shown.title, font: { size: 14 } },
          legend: { position: 'bottom' },
          tooltip: {
            callbacks: { title: (items) => shown.labels[items[0]?.dataIndex ?? 0] ?? '' },
          },
        },
        scales: {
          x: { ticks: { maxRotation: 0, autoSkip: false } },
          y: {
            beginAtZero: true,
            ticks: { precision: 0 },
            title: { display: true, text: shown.axisLabel },
          },
        },
      },
    });
    return () => chart.destroy();
  }, [spec]);

  return (
    <figure className="report-chart">
      <canvas
        ref={canvas}
        width={width}
        height={height}
        role="img"
        aria-label={`${title}. ${summary.join('. ')}`}
      >
        {summary.join('. ')}
      </canvas>
    </figure>
  );
}
