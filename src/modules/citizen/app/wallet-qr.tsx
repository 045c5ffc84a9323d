import { useMemo } from 'react';
import { qrPath } from './wallet-qr-path.ts';

const QUIET = 2; // modules of white around the code, which scanners need

/** A license's QR code, drawn on the phone as SVG from its payload (nothing is fetched); crisp at any size. */
export function WalletQr({ value, size = 240, label }: { value: string; size?: number; label: string }) {
  const { size: modules, d } = useMemo(() => qrPath(value), [value]);
  const box = modules + 2 * QUIET;
  return (
    <svg
      role="img"
      aria-label={label}
      data-testid="license-qr"
      data-qr={value}
      width={size}
      height={size}
      viewBox={`${-QUIET} ${-QUIET} ${box} ${box}`}
      shapeRendering="crispEdges"
      style={{ display: 'block', margin: '0 auto', background: '#fff' }}
    >
      <rect x={-QUIET} y={-QUIET} width={box} height={box} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
