import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState, type JSX } from 'react';
import { Cable } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import type { Topology } from '../../../shared/model/schema';
import { InspectorContext, type InspectorContextValue } from './context';
import { DeviceForm } from './DeviceForm';
import { findDevice, findLink } from './draft-edits';
import { KindIcon } from './KindIcon';
import { LinkForm } from './LinkForm';
import { focusKeys, sectionOf, type SectionId } from './paths';
import { SelectionSummary, TopologyForm } from './TopologyForm';
import './inspector.css';

export interface InspectorProps {
  topology: Topology;
  selection: { deviceIds: string[]; linkIds: string[] };
  /** Apply an edit as ONE undoable step; the recipe mutates an immer draft of the whole topology. */
  onEdit(label: string, recipe: (draft: Topology) => void): void;
  /** Open and scroll to a config entry (from the problems panel, later from a replay decision), e.g. { deviceId: 'fw', path: ['rules', 0] }; deviceId '' is the network itself (its authorities). */
  focus?: { deviceId: string; path: (string | number)[] };
}

type Focus = NonNullable<InspectorProps['focus']>;

export function Inspector(props: InspectorProps): JSX.Element {
  const { topology, selection, onEdit, focus } = props;
  const { t } = useTranslation('inspector');
  const root = useRef<HTMLDivElement>(null);
  // Collapsed sections stay collapsed from one device to the next, like a settings panel.
  const [collapsed, setCollapsed] = useState<ReadonlySet<SectionId>>(() => new Set());
  const [pendingFocus, setPendingFocus] = useState<Focus | null>(null);

  const toggle = useCallback((id: SectionId) => {
    setCollapsed((prev) => {
      const next = new Set(prev);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  }, []);

  const context = useMemo<InspectorContextValue>(
    () => ({ topology, onEdit, collapsed, toggle, focus }),
    [topology, onEdit, collapsed, toggle, focus],
  );

  const single = selection.deviceIds.length + selection.linkIds.length === 1;
  const device = single && selection.deviceIds.length === 1 ? findDevice(topology, selection.deviceIds[0]) : undefined;
  const link = single && selection.linkIds.length === 1 ? findLink(topology, selection.linkIds[0]) : undefined;

  // A focus request opens the section holding the entry; the scroll happens once it is rendered.
  useLayoutEffect(() => {
    if (!focus) return;
    const section = sectionOf(focus.path);
    setCollapsed((prev) => {
      if (!prev.has(section)) return prev;
      const next = new Set(prev);
      next.delete(section);
      return next;
    });
    setPendingFocus(focus);
  }, [focus]);

  useEffect(() => {
    if (!pendingFocus || !root.current) return;
    if ((device?.id ?? '') !== pendingFocus.deviceId) {
      setPendingFocus(null); // meant for a device that is not shown: do not fire later at a stale entry
      return;
    }
    const path = pendingFocus.path;
    const keys = focusKeys(path);
    for (let k = 0; k < keys.length; k++) {
      const target = root.current.querySelector<HTMLElement>(`[data-pj-path="${CSS.escape(keys[k])}"]`);
      if (!target) continue;
      target.scrollIntoView({ block: 'center', behavior: 'auto' });
      target.classList.remove('pj-insp-flash');
      void target.offsetWidth; // restart the highlight animation when the same entry is focused twice
      target.classList.add('pj-insp-flash');
      target.addEventListener('animationend', () => target.classList.remove('pj-insp-flash'), { once: true });
      // Land on the exact field the path names inside the entry (e.g. a route's next hop), else its first field.
      const field = path.slice(path.length - k).find((p): p is string => typeof p === 'string');
      const control =
        (field &&
          target.querySelector<HTMLElement>(`[data-pj-field="${CSS.escape(field)}"] :is(input, select, textarea)`)) ||
        target.querySelector<HTMLElement>('input, select, textarea');
      (control ?? target).focus({ preventScroll: true });
      break;
    }
    setPendingFocus(null);
  }, [pendingFocus, device?.id, collapsed]);

  let header: JSX.Element;
  let body: JSX.Element;
  if (device) {
    header = (
      <>
        <KindIcon kind={device.kind} size={16} />
        <span className="pj-insp-title">{device.name}</span>
        <span className="pj-insp-subtitle">{t(`kind.${device.kind}`)}</span>
      </>
    );
    body = <DeviceForm key={device.id} device={device} />;
  } else if (link) {
    header = (
      <>
        <Cable size={16} aria-hidden="true" />
        <span className="pj-insp-title">{t('section.link')}</span>
        <span className="pj-insp-subtitle pj-insp-mono">{link.id}</span>
      </>
    );
    body = <LinkForm key={link.id} link={link} />;
  } else if (selection.deviceIds.length + selection.linkIds.length > 1) {
    header = <span className="pj-insp-title">{t('section.selection')}</span>;
    body = <SelectionSummary deviceIds={selection.deviceIds} linkIds={selection.linkIds} />;
  } else {
    header = <span className="pj-insp-title">{topology.name || t('untitled')}</span>;
    body = <TopologyForm />;
  }

  return (
    <InspectorContext.Provider value={context}>
      <div className="pj-inspector" ref={root} aria-label={t('title')} role="region">
        <div className="pj-insp-header">{header}</div>
        <div className="pj-insp-scroll">{body}</div>
      </div>
    </InspectorContext.Provider>
  );
}
