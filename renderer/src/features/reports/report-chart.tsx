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

/** Category labels longer than this are cut with an ellipsis under the bars (the tooltip has them whole). */
const LABEL_CHARS = 28;

const short = (label: string) =>
  label.length > LABEL_CHARS ? `${label.slice(0, LABEL_CHARS - 1)}…` : label;

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
        labels: shown.labels.map(short),
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
