import { METHOD_TEXT_ZH, type MethodText } from '../../core/methods/cards';
import type { MethodId, MethodInfo } from '../../core/methods/types';
import { usePrefs, type Lang } from '../prefs';

/** A method card's text in the reader's language (core keeps the English and, beside it, the Chinese). */
export function methodText(info: MethodInfo, lang: Lang): MethodText {
  const zh = lang === 'zh' ? METHOD_TEXT_ZH[info.id as MethodId] : undefined;
  if (zh) return zh;
  return {
    title: info.title,
    summary: info.summary,
    pros: info.pros,
    cons: info.cons,
    params: Object.fromEntries(info.params.map((p) => [p.key, { label: p.label, help: p.help }])),
  };
}

/** The title of a method by id, in the reader's language (falls back to the id). */
export function useMethodTitle(): (id: string, methods: readonly MethodInfo[]) => string {
  const lang = usePrefs((s) => s.lang);
  return (id, methods) => {
    const info = methods.find((m) => m.id === id);
    return info ? methodText(info, lang).title : id;
  };
}
