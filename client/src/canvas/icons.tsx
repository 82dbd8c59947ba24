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
