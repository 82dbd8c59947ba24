/**
 * Icons named by node types (`defineNode({ icon })`) and by the designer's own controls. 24×24 stroke
 * icons in the Lucide style, drawn with `currentColor`; an unknown name falls back to a box.
 */
import { memo } from 'react';

const paths: Record<string, string[]> = {
  // node types
  webhook: [
    'M18 16.98h-5.99c-1.1 0-1.95.94-2.48 1.9A4 4 0 0 1 2 17c.01-.7.2-1.4.57-2',
    'm6 17 3.13-5.78c.53-.97.1-2.18-.5-3.1a4 4 0 1 1 6.89-4.06',
    'm12 6 3.13 5.73C15.66 12.7 16.9 13 18 13a4 4 0 0 1 0 8',
  ],
  play: ['M6 4l14 8-14 8z'],
  map: ['M4 7h10', 'M4 12h16', 'M4 17h7', 'M17 4l3 3-3 3'],
  check: ['M9 12l2 2 4-4', 'M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6z'],
  route: ['M6 3v6a3 3 0 0 0 3 3h9', 'M6 3v18', 'M15 9l3 3-3 3'],
  http: ['M3 12h18', 'M12 3a14 14 0 0 1 0 18', 'M12 3a14 14 0 0 0 0 18', 'M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18'],
  reply: ['M9 14 4 9l5-5', 'M4 9h10.5a5.5 5.5 0 0 1 0 11H11'],
  shield: ['M12 3l7 3v6c0 4.5-3 7.5-7 9-4-1.5-7-4.5-7-9V6z', 'M9.5 12h5'],
  clock: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M12 7v5l3 2'],
  box: ['M21 8l-9-5-9 5v8l9 5 9-5z', 'M3 8l9 5 9-5', 'M12 13v8'],
  link: ['M10 13a5 5 0 0 0 7.5.5l3-3a5 5 0 0 0-7-7l-1.7 1.7', 'M14 11a5 5 0 0 0-7.5-.5l-3 3a5 5 0 0 0 7 7l1.7-1.7'],
  // system presets: CRM (cloud), billing (card), ERP (ledger)
  cloud: ['M7 18h10a4 4 0 0 0 .6-7.96A6 6 0 0 0 6.1 9.1 4.5 4.5 0 0 0 7 18z'],
  card: ['M3 6h18v12H3z', 'M3 10h18', 'M7 15h4'],
  ledger: ['M5 3h12a2 2 0 0 1 2 2v16H7a2 2 0 0 1-2-2z', 'M9 7h6', 'M9 11h6', 'M9 15h4'],
  scale: ['M12 3v18', 'M7 21h10', 'M3 7h18', 'M6 7l-3 7a3 3 0 0 0 6 0z', 'M18 7l-3 7a3 3 0 0 0 6 0z'],
  report: ['M6 3h9l4 4v14H6z', 'M14 3v5h5', 'M9 13h6', 'M9 17h4'],
  // controls
  undo: ['M9 14 4 9l5-5', 'M4 9h11a5 5 0 0 1 0 10h-3'],
  redo: ['M15 14l5-5-5-5', 'M20 9H9a5 5 0 0 0 0 10h3'],
  trash: ['M3 6h18', 'M8 6V4h8v2', 'M6 6l1 14h10l1-14'],
  save: ['M5 3h11l3 3v15H5z', 'M8 3v5h7', 'M8 21v-7h8v7'],
  publish: ['M12 15V3', 'M7 8l5-5 5 5', 'M5 15v6h14v-6'],
  run: ['M7 4l12 8-12 8z'],
  back: ['M15 18l-6-6 6-6'],
  plus: ['M12 5v14', 'M5 12h14'],
  alert: ['M12 3 2 21h20z', 'M12 10v4', 'M12 17.5v.01'],
  flow: ['M5 6h4v4H5z', 'M15 14h4v4h-4z', 'M9 8h3a2 2 0 0 1 2 2v4a2 2 0 0 0 2 2'],
  refresh: ['M20 11a8 8 0 1 0-2.3 5.7', 'M20 4v7h-7'],
  close: ['M6 6l12 12', 'M18 6 6 18'],
  search: ['M11 4a7 7 0 1 0 0 14a7 7 0 1 0 0-14', 'm20 20-4-4'],
  note: ['M5 4h14v10l-6 6H5z', 'M13 20v-6h6', 'M8 9h8', 'M8 12h5'],
  layout: ['M3 5h6v5H3z', 'M15 3h6v5h-6z', 'M15 16h6v5h-6z', 'M9 7.5h3v11h3', 'M12 5.5h3'],
  fit: ['M4 9V4h5', 'M20 9V4h-5', 'M4 15v5h5', 'M20 15v5h-5', 'M9 9h6v6H9z'],
  help: ['M12 3a9 9 0 1 0 0 18a9 9 0 1 0 0-18', 'M9.5 9.5a2.5 2.5 0 1 1 3.5 2.3c-.6.3-1 .9-1 1.6V14', 'M12 17.5v.01'],
  sun: ['M12 8a4 4 0 1 0 0 8a4 4 0 1 0 0-8', 'M12 2v2', 'M12 20v2', 'm4.9 4.9 1.4 1.4', 'm17.7 17.7 1.4 1.4', 'M2 12h2', 'M20 12h2', 'm4.9 19.1 1.4-1.4', 'm17.7 6.3 1.4-1.4'],
  moon: ['M20 14.5A8 8 0 0 1 9.5 4 8 8 0 1 0 20 14.5z'],
  monitor: ['M3 4h18v12H3z', 'M8 20h8', 'M12 16v4'],
  'panel-left': ['M3 4h18v16H3z', 'M9 4v16'],
  'panel-right': ['M3 4h18v16H3z', 'M15 4v16'],
  'panel-bottom': ['M3 4h18v16H3z', 'M3 15h18'],
  chevron: ['m6 9 6 6 6-6'],
  history: ['M3 12a9 9 0 1 0 3-6.7', 'M3 4v5h5', 'M12 7v5l3 2'],
  download: ['M12 3v12', 'm7 10 5 5 5-5', 'M5 21h14'],
  upload: ['M12 15V3', 'm7 8 5-5 5 5', 'M5 21h14'],
  compare: ['M6 3v12', 'M6 15a3 3 0 1 0 0 6a3 3 0 1 0 0-6', 'M18 9v12', 'M18 3a3 3 0 1 0 0 6a3 3 0 1 0 0-6', 'M10 6h4', 'M10 18h4'],
  restore: ['M3 12a9 9 0 1 0 3-6.7', 'M3 4v5h5'],
  copy: ['M9 9h11v11H9z', 'M5 15H4V4h11v1'],
  pin: ['M12 17v5', 'M9 3h6l-1 6 3 3v2H7v-2l3-3z'],
  // operations: holds, dead letters
  pause: ['M9 5v14', 'M15 5v14'],
  'chevron-right': ['m9 6 6 6-6 6'],
  inbox: ['M3 13h5l1.5 3h5l1.5-3h5', 'M5.5 5h13L21 13v6H3v-6z'],
};

export interface IconProps {
  name: string;
  size?: number;
  className?: string;
  title?: string;
}

export const Icon = memo(function Icon({ name, size = 16, className, title }: IconProps) {
  const d = paths[name] ?? paths.box!;
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      className={className}
      aria-hidden={title ? undefined : true}
      role={title ? 'img' : undefined}
    >
      {title ? <title>{title}</title> : null}
      {d.map((path) => (
        <path key={path} d={path} />
      ))}
    </svg>
  );
});
