import { Button, DotLoading, Popup, Space } from 'antd-mobile';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useT } from '../../../../web/m/i18n.ts';
import { useDistrictMap } from './report-api.ts';
import { type LngLat, pathOf, pointAt, projection, type View, viewAround, zoom } from './report-map-view.ts';

type Point = { lng: number; lat: number };

/**
 * Picking the problem's place on the district drawn as an SVG (its outline and subdistricts from
 * GET /api/divisions/map; no tiles, nothing from the internet): tap to set the point, zoom in to be more exact.
 */
export function ReportMapPicker({
  visible,
  value,
  onClose,
  onPick,
}: {
  visible: boolean;
  value: Point | null;
  onClose: () => void;
  onPick: (point: Point) => void;
}) {
  const t = useT('citizen');
  const map = useDistrictMap(visible);
  const [point, setPoint] = useState<Point | null>(value);
  const [view, setView] = useState<View | null>(null);
  const svg = useRef<SVGSVGElement>(null);
  // Opened again: start from the place chosen meanwhile (by the phone's location, say).
  useEffect(() => {
    if (visible) setPoint(value);
  }, [visible, value]);

  const drawing = useMemo(() => {
    if (!map.data) return null;
    const ring = map.data.outline.geometry.coordinates[0] as LngLat[];
    const lats = ring.map((q) => q[1]);
    const p = projection((Math.min(...lats) + Math.max(...lats)) / 2);
    return { p, full: viewAround(ring, p), path: pathOf(ring, p), subdistricts: map.data.subdistricts };
  }, [map.data]);

  const shown = view ?? drawing?.full ?? null;
  const centre = (): [number, number] =>
    point && drawing
      ? drawing.p.to([point.lng, point.lat])
      : shown
        ? [shown.x + shown.width / 2, shown.y + shown.height / 2]
        : [0, 0];

  function tap(e: React.MouseEvent<HTMLButtonElement>) {
    if (!drawing || !shown || !svg.current) return;
    const box = svg.current.getBoundingClientRect();
    const keyboard = e.detail === 0;
    const [lng, lat] = drawing.p.from(
      keyboard
        ? pointAt(shown, 0.5, 0.5)
        : pointAt(shown, (e.clientX - box.left) / box.width, (e.clientY - box.top) / box.height),
    );
    setPoint({ lng: Math.round(lng * 1e6) / 1e6, lat: Math.round(lat * 1e6) / 1e6 });
  }

  const unit = shown ? shown.width / 100 : 0;
  return (
    <Popup visible={visible} onMaskClick={onClose} bodyStyle={{ borderRadius: '12px 12px 0 0', padding: 12 }}>
      <div style={{ fontWeight: 600, marginBottom: 8 }}>{t('report.mapTitle')}</div>
      {!drawing || !shown ? (
        <div style={{ padding: 48, textAlign: 'center' }}>
          <DotLoading color="primary" /> {t('report.mapLoading')}
        </div>
      ) : (
        // A button around the drawing: a tap sets the point there; Enter (no pointer) sets it in the middle shown.
        <button
          type="button"
          onClick={tap}
          aria-label={t('report.mapTitle')}
          style={{ display: 'block', width: '100%', padding: 0, border: 0, background: 'none' }}
        >
          <svg
            ref={svg}
            data-testid="report-map"
            viewBox={`${shown.x} ${shown.y} ${shown.width} ${shown.height}`}
            aria-hidden="true"
            style={{
              width: '100%',
              aspectRatio: `${drawing.full.width} / ${drawing.full.height}`,
              background: '#eef4fb',
              borderRadius: 8,
              touchAction: 'manipulation',
            }}
          >
            <path
              d={drawing.path}
              fill="#fff"
              stroke="#c8102e"
              strokeWidth={2}
              vectorEffect="non-scaling-stroke"
            />
            {drawing.subdistricts.map((s) => {
              if (s.lng === null || s.lat === null) return null;
              const [x, y] = drawing.p.to([s.lng, s.lat]);
              return (
                <g key={s.code} pointerEvents="none">
                  <circle cx={x} cy={y} r={unit * 0.8} fill="#999" />
                  <text x={x} y={y - unit * 1.5} fontSize={unit * 3.2} textAnchor="middle" fill="#555">
                    {s.name}
                  </text>
                </g>
              );
            })}
            {point &&
              (() => {
                const [x, y] = drawing.p.to([point.lng, point.lat]);
                return (
                  <g pointerEvents="none" data-testid="report-map-point">
                    <circle cx={x} cy={y} r={unit * 2.4} fill="#c8102e" fillOpacity={0.25} />
                    <circle
                      cx={x}
                      cy={y}
                      r={unit * 1.1}
                      fill="#c8102e"
                      stroke="#fff"
                      strokeWidth={1}
                      vectorEffect="non-scaling-stroke"
                    />
                  </g>
                );
              })()}
          </svg>
        </button>
      )}
      <Space block justify="between" style={{ marginTop: 12 }}>
        <Space>
          <Button
            size="small"
            disabled={!drawing}
            onClick={() => {
              if (drawing && shown) setView(zoom(shown, drawing.full, centre(), 2));
            }}
          >
            {t('report.mapZoomIn')}
          </Button>
          <Button
            size="small"
            disabled={!drawing}
            onClick={() => {
              if (drawing && shown) setView(zoom(shown, drawing.full, centre(), 0.5));
            }}
          >
            {t('report.mapZoomOut')}
          </Button>
        </Space>
        <Button
          color="primary"
          disabled={!point}
          onClick={() => {
            if (point) onPick(point);
          }}
        >
          {t('report.mapConfirm')}
        </Button>
      </Space>
    </Popup>
  );
}
