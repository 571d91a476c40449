import { memo, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { GalleryGroup, Thumbnail } from '../../../worker/dataProtocol';
import { maskOutlineRgba } from '../../components/colormap';
import { PixelCanvas } from '../../components/PixelCanvas';
import { galleryPage } from '../../labClient';
import { useLab } from '../../store';
import { useT, type Translate } from '../../i18n';
import { labelText } from '../../i18n/labels';
import { columnsFor, gridWindow, pagesFor } from './gridWindow';
import { SelectionBar } from './SelectionBar';

/**
 * Thumbnails of one group of the current set (train, test normal, anomalous, a defect type), in a
 * windowed grid: only the rows in view are rendered, and their thumbnails are fetched from the
 * worker a page at a time, so thousands of images scroll as smoothly as a dozen.
 */
const THUMB = 64;
const GAP = 6;
const CELL_W = THUMB + 8;
const ROW_H = THUMB + 28;
const VIEW_H = 340;
const PAGE = 48;

const ThumbCell = memo(function ThumbCell(props: {
  thumb: Thumbnail | undefined;
  /** Caption with the defect type instead of the file name (in the all-anomalous group). */
  captionLabel: boolean;
  showMask: boolean;
  selected: boolean;
  onToggle: (id: string) => void;
  style: React.CSSProperties;
}) {
  const { thumb, captionLabel, showMask, selected, onToggle, style } = props;
  const t = useT();
  const rgba = useMemo(
    () => (thumb ? (showMask && thumb.mask ? maskOutlineRgba(thumb.rgba, thumb.mask, thumb.side) : thumb.rgba) : null),
    [thumb, showMask],
  );
  if (!thumb || !rgba) return <div className="thumb-cell loading" style={style} aria-hidden="true" />;
  const size = thumb.originalWidth ? ` (${t('gallery.beforeResizing', { w: thumb.originalWidth, h: thumb.originalHeight ?? '?' })})` : '';
  return (
    <button
      type="button"
      className={`thumb-cell${selected ? ' selected' : ''}`}
      style={style}
      aria-pressed={selected}
      title={`${thumb.name}${size}`}
      onClick={() => onToggle(thumb.id)}
    >
      <PixelCanvas rgba={rgba} size={thumb.side} display={THUMB} label={t('gallery.imageLabel', { split: t(thumb.split === 'train' ? 'gallery.train' : 'gallery.test'), label: thumb.label === 'good' ? t('gallery.goodLabel') : labelText(t, thumb.label), name: thumb.name })} />
      <span className="thumb-name">{captionLabel ? labelText(t, thumb.label) : thumb.name}</span>
    </button>
  );
});

/** The element's inner width, kept up to date; use the returned callback as its ref. */
function useWidth(): [number, (el: HTMLDivElement | null) => void, React.RefObject<HTMLDivElement | null>] {
  const [width, setWidth] = useState(0);
  const element = useRef<HTMLDivElement | null>(null);
  const observer = useRef<ResizeObserver | null>(null);
  const ref = useCallback((el: HTMLDivElement | null) => {
    observer.current?.disconnect();
    element.current = el;
    if (!el) return;
    setWidth(el.clientWidth);
    observer.current = new ResizeObserver(() => setWidth(el.clientWidth));
    observer.current.observe(el);
  }, []);
  return [width, ref, element];
}

export function Gallery() {
  const t = useT();
  const details = useLab((s) => s.details);
  const version = useLab((s) => s.galleryVersion);
  const [groupKey, setGroupKey] = useState('train');
  const [showMasks, setShowMasks] = useState(true);
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const [scrollTop, setScrollTop] = useState(0);
  const [width, scrollerRef, scroller] = useWidth();

  const groups = details?.groups ?? [];
  const group: GalleryGroup | undefined = groups.find((g) => g.key === groupKey) ?? groups.find((g) => g.count > 0) ?? groups[0];
  const total = group?.count ?? 0;
  const cacheKey = `${details?.id}|${version}|${group?.key}`;

  // Pages of thumbnails, dropped whenever the set, its images or the group change.
  const cache = useRef<{ key: string; pages: Map<number, Thumbnail[]>; loading: Set<number> }>({ key: '', pages: new Map(), loading: new Set() });
  if (cache.current.key !== cacheKey) cache.current = { key: cacheKey, pages: new Map(), loading: new Set() };
  const [, setLoaded] = useState(0);

  useEffect(() => {
    setSelected(new Set());
    setScrollTop(0);
    if (scroller.current) scroller.current.scrollTop = 0;
  }, [group?.key, details?.id, scroller]);

  const inner = Math.max(0, width - 8);
  const columns = columnsFor(inner, CELL_W, GAP);
  const cellW = Math.max(CELL_W, Math.floor((inner - GAP * (columns - 1)) / columns));
  const view = gridWindow({ scrollTop, viewportHeight: VIEW_H, rowHeight: ROW_H, columns, total });

  useEffect(() => {
    if (!group || width === 0) return;
    const c = cache.current;
    for (const p of pagesFor(view.first, view.end, PAGE)) {
      if (c.pages.has(p) || c.loading.has(p)) continue;
      c.loading.add(p);
      galleryPage(group.key, p * PAGE, PAGE, THUMB)
        .then((page) => {
          if (cache.current !== c) return;
          c.pages.set(p, page.items);
          setLoaded((n) => n + 1);
        })
        .catch(() => c.loading.delete(p));
    }
  }, [group, view.first, view.end, width, cacheKey]);

  const toggle = useCallback((id: string) => {
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(id)) next.add(id);
      return next;
    });
  }, []);

  if (!details) return null;
  const cells = [];
  for (let i = view.first; i < view.end; i++) {
    const page = cache.current.pages.get(Math.floor(i / PAGE));
    const thumb = page?.[i % PAGE];
    const row = Math.floor(i / columns);
    const col = i % columns;
    cells.push(
      <ThumbCell
        key={thumb?.id ?? `slot-${i}`}
        thumb={thumb}
        captionLabel={group?.key === 'test:*'}
        showMask={showMasks}
        selected={thumb !== undefined && selected.has(thumb.id)}
        onToggle={toggle}
        style={{ top: row * ROW_H, left: col * (cellW + GAP), width: cellW, height: ROW_H - GAP }}
      />,
    );
  }
  const anyMasks = groups.some((g) => g.masks > 0);

  return (
    <div className="gallery" data-testid="gallery">
      <div className="gallery-groups" role="tablist" aria-label={t('gallery.group')}>
        {groups.map((g) => (
          <button
            key={g.key}
            type="button"
            role="tab"
            aria-selected={g.key === group?.key}
            className="group-tab"
            data-testid={`group-${g.key}`}
            onClick={() => setGroupKey(g.key)}
          >
            {groupTitle(t, g.key)} <span className="count">{g.count}</span>
          </button>
        ))}
      </div>
      <div className="gallery-tools">
        {anyMasks && (
          <label className="check">
            <input type="checkbox" checked={showMasks} onChange={(e) => setShowMasks(e.target.checked)} /> {t('gallery.outlines')}
          </label>
        )}
        <span className="muted small">
          {total === 0 ? t('gallery.empty') : t('gallery.count', { n: total })}
        </span>
      </div>
      <div ref={scrollerRef} className="gallery-scroll" style={{ height: Math.min(VIEW_H, Math.max(ROW_H, view.height) + 10) }} onScroll={(e) => setScrollTop(e.currentTarget.scrollTop)}>
        <div className="gallery-canvas" style={{ height: view.height }}>
          {cells}
        </div>
      </div>
      {group && <SelectionBar key={group.key} group={group} selected={selected} setSelected={setSelected} />}
    </div>
  );
}

/** A gallery group's name from its key: train, test normal, all anomalous, or one defect type. */
function groupTitle(t: Translate, key: string): string {
  if (key === 'train') return t('gallery.trainNormal');
  if (key === 'test:good') return t('gallery.testNormal');
  if (key === 'test:*') return t('gallery.testAnomalous');
  return `${t('gallery.test')} · ${labelText(t, key.slice('test:'.length))}`;
}
