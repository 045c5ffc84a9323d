import {
  Button,
  DotLoading,
  Image,
  Input,
  List,
  NoticeBar,
  ProgressBar,
  Selector,
  Space,
  TextArea,
  Toast,
} from 'antd-mobile';
import { AddOutline, CloseCircleFill, EnvironmentOutline, LocationFill } from 'antd-mobile-icons';
import { useEffect, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import { errorText } from '../../../../web/m/api.ts';
import { useT } from '../../../../web/m/i18n.ts';
import {
  REPORT_CONTENT_MAX,
  REPORT_CONTENT_MIN,
  REPORT_PHOTOS_MAX,
  uploadPhoto,
  useCreateReport,
  useDebounced,
  useReportSuggestions,
} from './report-api.ts';
import { compressPhoto } from './report-image.ts';
import { ReportMapPicker } from './report-map.tsx';

type Photo = { key: string; blob: Blob; preview: string };
type Point = { lng: number; lat: number };
type Progress = { label: string; percent: number };

const NONE = '-';
let photoKeys = 0;

/** 随手拍: photos (made smaller on the phone), the place (my location or the map), the text with a category. */
export function ReportPage() {
  const t = useT('citizen');
  const navigate = useNavigate();
  const [photos, setPhotos] = useState<Photo[]>([]);
  const [compressing, setCompressing] = useState(0);
  const [point, setPoint] = useState<Point | null>(null);
  const [locating, setLocating] = useState(false);
  const [mapOpen, setMapOpen] = useState(false);
  const [address, setAddress] = useState('');
  const [content, setContent] = useState('');
  // The resident's own pick; until they pick, the first suggestion stands.
  const [picked, setPicked] = useState<{ code: string; name: string } | null>(null);
  const [phone, setPhone] = useState('');
  const [progress, setProgress] = useState<Progress | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const create = useCreateReport();

  const text = useDebounced(content, 400);
  const suggestions = useReportSuggestions(text, point);
  const categories = text.trim().length >= 4 ? (suggestions.data?.categories ?? []) : [];
  const place = point ? suggestions.data?.place : null;
  const category = picked ?? (categories[0] ? { code: categories[0].code, name: categories[0].name } : null);
  const options = [
    ...categories.map((c) => ({ label: c.name, value: c.code, description: c.departmentName ?? undefined })),
    ...(picked && picked.code !== NONE && !categories.some((c) => c.code === picked.code)
      ? [{ label: picked.name, value: picked.code, description: undefined }]
      : []),
    { label: t('report.categoryNone'), value: NONE, description: undefined },
  ];

  // Previews are object URLs: let them go with the page.
  const previews = useRef(photos);
  previews.current = photos;
  useEffect(
    () => () => {
      for (const p of previews.current) URL.revokeObjectURL(p.preview);
    },
    [],
  );

  async function addPhotos(files: FileList | null) {
    const list = [...(files ?? [])];
    const room = REPORT_PHOTOS_MAX - photos.length;
    if (list.length > room) Toast.show(t('report.tooManyPhotos', { max: REPORT_PHOTOS_MAX }));
    const chosen = list.slice(0, Math.max(0, room));
    setCompressing((n) => n + chosen.length);
    for (const file of chosen) {
      try {
        const blob = await compressPhoto(file);
        setPhotos((ps) =>
          ps.length >= REPORT_PHOTOS_MAX
            ? ps
            : [...ps, { key: `p${++photoKeys}`, blob, preview: URL.createObjectURL(blob) }],
        );
      } catch {
        Toast.show(t('report.photoUnreadable'));
      } finally {
        setCompressing((n) => n - 1);
      }
    }
    if (input.current) input.current.value = '';
  }

  function removePhoto(key: string) {
    setPhotos((ps) => {
      const gone = ps.find((p) => p.key === key);
      if (gone) URL.revokeObjectURL(gone.preview);
      return ps.filter((p) => p.key !== key);
    });
  }

  function locate() {
    if (!navigator.geolocation) {
      Toast.show(t('report.locationDenied'));
      setMapOpen(true);
      return;
    }
    setLocating(true);
    navigator.geolocation.getCurrentPosition(
      (pos) => {
        setLocating(false);
        setPoint({
          lng: Math.round(pos.coords.longitude * 1e6) / 1e6,
          lat: Math.round(pos.coords.latitude * 1e6) / 1e6,
        });
      },
      () => {
        setLocating(false);
        Toast.show(t('report.locationDenied'));
        setMapOpen(true);
      },
      { enableHighAccuracy: true, timeout: 15_000, maximumAge: 60_000 },
    );
  }

  async function submit() {
    if (content.trim().length < REPORT_CONTENT_MIN) {
      Toast.show(t('report.contentShort', { min: REPORT_CONTENT_MIN }));
      return;
    }
    if (!point && !address.trim()) {
      Toast.show(t('report.placeRequired'));
      return;
    }
    if (place && !place.inDistrict) {
      Toast.show(t('report.outside'));
      return;
    }
    const steps = photos.length + 1;
    try {
      const names: string[] = [];
      for (const [i, p] of photos.entries()) {
        setProgress({
          label: t('report.uploading', { done: i, total: photos.length }),
          percent: (i / steps) * 100,
        });
        names.push((await uploadPhoto(p.blob)).name);
      }
      setProgress({ label: t('report.sending'), percent: (photos.length / steps) * 100 });
      const detail = await create.mutateAsync({
        content: content.trim(),
        categoryCode: category && category.code !== NONE ? category.code : undefined,
        address: address.trim() || undefined,
        lng: point?.lng,
        lat: point?.lat,
        photos: names,
        contactPhone: phone.trim() || undefined,
      });
      setProgress({ label: t('report.submitted'), percent: 100 });
      Toast.show({ icon: 'success', content: t('report.submitted') });
      navigate(`/reports/${detail.number}`, { replace: true });
    } catch (error) {
      setProgress(null);
      Toast.show({ icon: 'fail', content: t('report.failed', { reason: errorText(error) }), duration: 3000 });
    }
  }

  const busy = progress !== null;
  return (
    <div style={{ paddingBottom: 24 }}>
      <NoticeBar content={t('report.intro')} color="info" wrap />
      <List header={t('report.photos')}>
        <List.Item description={t('report.photosHint', { max: REPORT_PHOTOS_MAX })}>
          <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8 }} data-testid="report-photos">
            {photos.map((p) => (
              <div key={p.key} style={{ position: 'relative' }}>
                <Image src={p.preview} width={76} height={76} fit="cover" style={{ borderRadius: 6 }} />
                <CloseCircleFill
                  aria-label={t('report.removePhoto')}
                  onClick={() => !busy && removePhoto(p.key)}
                  style={{
                    position: 'absolute',
                    top: -6,
                    right: -6,
                    fontSize: 22,
                    color: '#666',
                    background: '#fff',
                    borderRadius: 11,
                  }}
                />
              </div>
            ))}
            {compressing > 0 && (
              <div
                style={{
                  width: 76,
                  height: 76,
                  display: 'grid',
                  placeItems: 'center',
                  background: '#f5f5f5',
                  borderRadius: 6,
                }}
              >
                <DotLoading />
              </div>
            )}
            {photos.length + compressing < REPORT_PHOTOS_MAX && (
              <label
                style={{
                  width: 76,
                  height: 76,
                  display: 'flex',
                  flexDirection: 'column',
                  alignItems: 'center',
                  justifyContent: 'center',
                  background: '#f5f5f5',
                  borderRadius: 6,
                  color: '#999',
                  fontSize: 12,
                }}
              >
                <AddOutline fontSize={28} />
                {t('report.addPhoto')}
                <input
                  ref={input}
                  type="file"
                  accept="image/*"
                  capture="environment"
                  multiple
                  data-testid="report-photo-input"
                  style={{ display: 'none' }}
                  onChange={(e) => void addPhotos(e.target.files)}
                />
              </label>
            )}
          </div>
        </List.Item>
      </List>

      <List header={t('report.place')}>
        <List.Item>
          <Space wrap>
            <Button size="small" onClick={locate} loading={locating} loadingText={t('report.locating')}>
              <LocationFill /> {t('report.useLocation')}
            </Button>
            <Button size="small" onClick={() => setMapOpen(true)}>
              <EnvironmentOutline /> {t('report.pickOnMap')}
            </Button>
          </Space>
          {point && (
            <div
              style={{ marginTop: 8, color: place && !place.inDistrict ? '#c8102e' : '#333' }}
              data-testid="report-place"
            >
              {!place
                ? t('report.placeResolving')
                : !place.inDistrict
                  ? t('report.outside')
                  : place.subdistrictName
                    ? [place.subdistrictName, place.communityName].filter(Boolean).join(' · ')
                    : t('report.placeUnknown', { lng: point.lng, lat: point.lat })}
            </div>
          )}
        </List.Item>
        <List.Item title={t('report.address')}>
          <Input
            value={address}
            onChange={setAddress}
            maxLength={300}
            placeholder={t('report.addressPlaceholder')}
            clearable
          />
        </List.Item>
      </List>

      <List header={t('report.content')}>
        <List.Item>
          <TextArea
            value={content}
            onChange={setContent}
            placeholder={t('report.contentPlaceholder', { min: REPORT_CONTENT_MIN })}
            maxLength={REPORT_CONTENT_MAX}
            showCount
            autoSize={{ minRows: 4, maxRows: 10 }}
            data-testid="report-content"
          />
        </List.Item>
        <List.Item
          title={t('report.category')}
          description={categories.length ? t('report.categoryHint') : t('report.categoryWaiting')}
        >
          {categories.length > 0 || picked ? (
            <Selector
              columns={1}
              options={options}
              value={category ? [category.code] : [NONE]}
              onChange={(v) => {
                const code = v[0];
                if (!code) return;
                const o = options.find((x) => x.value === code)!;
                setPicked({ code, name: String(o.label) });
              }}
              data-testid="report-category"
            />
          ) : suggestions.isFetching ? (
            <DotLoading />
          ) : null}
        </List.Item>
      </List>

      <List header={t('report.phone')}>
        <List.Item>
          <Input
            value={phone}
            onChange={setPhone}
            type="tel"
            maxLength={20}
            placeholder={t('report.phonePlaceholder')}
            clearable
          />
        </List.Item>
      </List>

      <div style={{ padding: '16px 12px 0' }}>
        {progress && (
          <div style={{ marginBottom: 12 }}>
            <div style={{ marginBottom: 4, color: '#666' }}>{progress.label}</div>
            <ProgressBar percent={progress.percent} />
          </div>
        )}
        <Button
          block
          color="primary"
          size="large"
          loading={busy || compressing > 0}
          loadingText={compressing > 0 ? t('report.compressing') : t('report.submitting')}
          onClick={() => void submit()}
          data-testid="report-submit"
        >
          {t('report.submit')}
        </Button>
      </div>

      <ReportMapPicker
        visible={mapOpen}
        value={point}
        onClose={() => setMapOpen(false)}
        onPick={(p) => {
          setPoint(p);
          setMapOpen(false);
        }}
      />
    </div>
  );
}
